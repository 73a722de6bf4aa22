using WebVirt.Testing;

namespace WebVirt.Agent.Tests.Migration;

/// <summary>
/// Two hosts, each with its agent as a console on another machine reaches it (https, pinned
/// certificate, token): the system libvirtd (host A, the source) and an extra host "m" (the
/// destination, whose QEMU listens for migrations on 127.0.0.2, as another machine's loopback would
/// be its own). A folder of this run on the shared storage with the test guest's kernel and initrd, a
/// pool over it on both hosts (the tests mark it shared), and a pool of this run on host A for disks
/// that are not shared. Host m's pools go with host m. At the end, whether the tests
/// passed or not: the agents, host m (with whatever runs on it), this run's guests on host A, the
/// pool and the files are all removed; only what carries this run's prefix.
/// </summary>
public sealed class AgentMigrationFixture : IAsyncLifetime
{
    public const string SystemUri = "qemu:///system";
    public const string DestinationHost = "m";

    private LibvirtHosts? _hosts;

    public static string Prefix { get; } = $"{TestRun.CommonPrefix}migrate-{TestRun.Id[..6]}-";

    public string SharedDirectory { get; } = Path.Combine(LibvirtHosts.SharedDirectory, Prefix + "run");

    /// <summary>The pool over <see cref="SharedDirectory"/>, of the same name on both hosts: the one a console marks shared.</summary>
    public string SharedPool { get; } = Prefix + "shared";

    /// <summary>Host A's pool for disks only host A sees.</summary>
    public string SourcePool { get; } = Prefix + "src";

    public string SourcePoolDirectory { get; } = Path.Combine("/var/lib", Prefix + "src");

    internal MigrationAgent Source { get; private set; } = null!;

    internal MigrationAgent Destination { get; private set; } = null!;

    public static string DestinationUri => LibvirtHosts.Uri(DestinationHost);

    internal async Task<AgentMigrationGuest> PrepareSharedGuestAsync(string purpose)
    {
        var guest = await AgentMigrationGuest.PrepareAsync(purpose, SharedDirectory, Path.Combine(SharedDirectory, Prefix + purpose + ".qcow2"));
        using var a = LibvirtConnection.Open(SystemUri);
        using var pool = a.LookupStoragePoolByName(SharedPool);
        pool.Refresh();
        return guest;
    }

    internal async Task<AgentMigrationGuest> PrepareLocalGuestAsync(string purpose)
    {
        var guest = await AgentMigrationGuest.PrepareAsync(purpose, SharedDirectory, Path.Combine(SourcePoolDirectory, Prefix + purpose + ".qcow2"));
        using var a = LibvirtConnection.Open(SystemUri);
        using var pool = a.LookupStoragePoolByName(SourcePool);
        pool.Refresh();
        return guest;
    }

    private string SharedPoolXml => $"<pool type='dir'><name>{SharedPool}</name><target><path>{SharedDirectory}</path></target></pool>";

    public async Task InitializeAsync()
    {
        if (LibvirtHosts.SkipReason is not null)
        {
            return;
        }

        _hosts = await LibvirtHosts.StartAsync(DestinationHost);
        Directory.CreateDirectory(SharedDirectory);
        File.SetUnixFileMode(SharedDirectory, AgentMigrationGuest.DirectoryMode);
        await TestGuestImages.CopyIntoAsync(SharedDirectory, CancellationToken.None, TestGuestImages.Kernel, TestGuestImages.Initrd);
        Directory.CreateDirectory(SourcePoolDirectory);
        File.SetUnixFileMode(SourcePoolDirectory, AgentMigrationGuest.DirectoryMode);
        using (var a = LibvirtConnection.Open(SystemUri))
        {
            a.CreateStoragePoolXml($"<pool type='dir'><name>{SourcePool}</name><target><path>{SourcePoolDirectory}</path></target></pool>").Dispose();
            a.CreateStoragePoolXml(SharedPoolXml).Dispose();
        }

        using (var m = LibvirtConnection.Open(DestinationUri))
        {
            m.CreateStoragePoolXml(SharedPoolXml).Dispose();
        }

        Source = await MigrationAgent.StartAsync(Prefix + "a", SystemUri, "127.0.0.1");
        Destination = await MigrationAgent.StartAsync(Prefix + DestinationHost, DestinationUri, "127.0.0.2");
    }

    public async Task DisposeAsync()
    {
        if (_hosts is null)
        {
            return;
        }

        try
        {
            if (Source is not null)
            {
                await Source.DisposeAsync();
            }

            if (Destination is not null)
            {
                await Destination.DisposeAsync();
            }

            TestGuestCleaner.RemoveRunGuests(SystemUri, prefix: Prefix);
        }
        finally
        {
            await _hosts.DisposeAsync();
            using (var a = LibvirtConnection.Open(SystemUri))
            {
                foreach (var name in new[] { SourcePool, SharedPool })
                {
                    try
                    {
                        using var pool = a.LookupStoragePoolByName(name);
                        pool.Destroy();
                    }
                    catch (WebVirt.Libvirt.LibvirtException)
                    {
                        // Never made (the start failed before it).
                    }
                }
            }

            foreach (var directory in new[] { SharedDirectory, SourcePoolDirectory })
            {
                if (Directory.Exists(directory))
                {
                    Directory.Delete(directory, recursive: true);
                }
            }

            var destinationLocal = LibvirtHosts.LocalDirectoryOf(DestinationHost);
            foreach (var file in Directory.Exists(destinationLocal) ? Directory.EnumerateFiles(destinationLocal, Prefix + "*") : [])
            {
                File.Delete(file);
            }
        }
    }
}
