using WebVirt.Testing;

namespace WebVirt.Libvirt.Tests.Migration;

// Alone, after the other collections: they also use the system libvirtd (one restarts it), and the Qemu
// collection fails when it finds guests of this run that are not its own.
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MigrationCollection : ICollectionFixture<MigrationFixture>
{
    public const string Name = "migration";
}

// Hosts b and c next to the system libvirtd (host A), and a folder of this run on the shared storage
// with the test guest's kernel and initrd. At the end, whether the tests passed or not: the run's
// migration guests are removed from host A, hosts b and c are stopped (with whatever still runs on
// them), and the run's files on the shared and local storage are deleted.
public sealed class MigrationFixture : IAsyncLifetime
{
    public const string SystemUri = "qemu:///system";

    private LibvirtHosts? _hosts;

    /// <summary>Every guest and file of these tests starts with this, so cleanup never reaches another class's guests.</summary>
    public static string Prefix { get; } = TestRun.GuestName("mig-");

    public string SharedDirectory { get; } = Path.Combine(LibvirtHosts.SharedDirectory, Prefix + "run");

    /// <summary>A guest with its disk on the shared folder.</summary>
    internal Task<MigrationGuest> PrepareSharedGuestAsync(string purpose) =>
        MigrationGuest.PrepareAsync(purpose, SharedDirectory, Path.Combine(SharedDirectory, Prefix + purpose + ".qcow2"));

    /// <summary>A guest with its disk on host A's local storage, which no other host sees.</summary>
    internal static Task<MigrationGuest> PrepareLocalGuestAsync(string purpose, string sharedDirectory) =>
        MigrationGuest.PrepareAsync(purpose, sharedDirectory, Path.Combine(LibvirtHosts.LocalDirectory, Prefix + purpose + ".qcow2"));

    public async Task InitializeAsync()
    {
        if (LibvirtHosts.SkipReason is not null)
        {
            return;
        }

        _hosts = await LibvirtHosts.StartAsync("b", "c");
        Directory.CreateDirectory(SharedDirectory);
        File.SetUnixFileMode(SharedDirectory, MigrationGuest.DirectoryMode);
        await TestGuestImages.CopyIntoAsync(SharedDirectory, CancellationToken.None, TestGuestImages.Kernel, TestGuestImages.Initrd);
    }

    public async Task DisposeAsync()
    {
        if (_hosts is null)
        {
            return;
        }

        try
        {
            TestGuestCleaner.RemoveRunGuests(SystemUri, prefix: Prefix);
        }
        finally
        {
            await _hosts.DisposeAsync();
            if (Directory.Exists(SharedDirectory))
            {
                Directory.Delete(SharedDirectory, recursive: true);
            }

            foreach (string file in Directory.EnumerateFiles(LibvirtHosts.LocalDirectory, Prefix + "*"))
            {
                File.Delete(file);
            }
        }

        using LibvirtConnection connection = LibvirtConnection.Open(SystemUri);
        string[] leftovers = connection.ListAllDomains().Select(d => { using (d) { return d.Name; } })
            .Where(name => name.StartsWith(Prefix, StringComparison.Ordinal)).ToArray();
        if (leftovers.Length > 0)
        {
            throw new InvalidOperationException($"migration guests left behind: {string.Join(", ", leftovers)}");
        }
    }
}
