using WebVirt.Testing;

namespace WebVirt.Agent.Tests.Migration;

/// <summary>
/// Three hosts, each with its agent as a console reaches it: the system libvirtd (host A, agent
/// "a", its QEMU taking migrations on 127.0.0.4) and the extra hosts "f" and "g" (127.0.0.2 and
/// 127.0.0.3: every destination listens on a loopback address of its own, as another machine's would
/// be, so it never meets the source's tunnel ports on 127.0.0.1). Guests live in a folder of this run
/// on the shared storage, a pool on every host (persistent on f and g, so it comes back with a
/// restarted libvirtd) that the requests name shared, as a console that marks it would. The tests kill agents and host f's libvirtd midway; at the end, whether they
/// passed or not, the agents, hosts f and g (with whatever runs on them), this run's guests on host A
/// and the folder are removed.
/// </summary>
public sealed class MigrationFaultsFixture : IAsyncLifetime
{
    public const string SystemUri = "qemu:///system";
    public const string HostF = "f";
    public const string HostG = "g";

    private LibvirtHosts? _hosts;

    /// <summary>This run's names: the helper's test prefix, then "faults-".</summary>
    public static string Prefix { get; } = TestRun.Prefix + "faults-";

    public string SharedDirectory { get; } = Path.Combine(LibvirtHosts.SharedDirectory, TestRun.Prefix + "faults-" + TestRun.Id[..6]);

    /// <summary>The pool over <see cref="SharedDirectory"/> on every host, which the requests name shared.</summary>
    public string SharedPool { get; } = Prefix + "shared";

    /// <summary>What a console that marked <see cref="SharedPool"/> shared sends with each request.</summary>
    public IReadOnlyList<string> Shared => [SharedPool];

    internal MigrationAgent A { get; private set; } = null!;

    internal MigrationAgent F { get; private set; } = null!;

    internal MigrationAgent G { get; private set; } = null!;

    internal async Task<AgentMigrationGuest> PrepareGuestAsync(string purpose)
    {
        var guest = await AgentMigrationGuest.PrepareAsync(purpose, SharedDirectory, Path.Combine(SharedDirectory, Prefix + purpose + ".qcow2"), Prefix);
        using var a = LibvirtConnection.Open(SystemUri);
        using var pool = a.LookupStoragePoolByName(SharedPool);
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

        _hosts = await LibvirtHosts.StartAsync(HostF, HostG);
        Directory.CreateDirectory(SharedDirectory);
        File.SetUnixFileMode(SharedDirectory, AgentMigrationGuest.DirectoryMode);
        await TestGuestImages.CopyIntoAsync(SharedDirectory, CancellationToken.None, TestGuestImages.Kernel, TestGuestImages.Initrd);
        using (var a = LibvirtConnection.Open(SystemUri))
        {
            a.CreateStoragePoolXml(SharedPoolXml).Dispose();
        }

        foreach (var host in new[] { HostF, HostG })
        {
            using var connection = LibvirtConnection.Open(LibvirtHosts.Uri(host));
            using var pool = connection.DefineStoragePoolXml(SharedPoolXml);
            pool.Create();
        }

        A = await MigrationAgent.StartAsync(Prefix + "a", SystemUri, "127.0.0.4");
        F = await MigrationAgent.StartAsync(Prefix + HostF, LibvirtHosts.Uri(HostF), "127.0.0.2");
        G = await MigrationAgent.StartAsync(Prefix + HostG, LibvirtHosts.Uri(HostG), "127.0.0.3");
    }

    public async Task DisposeAsync()
    {
        if (_hosts is null)
        {
            return;
        }

        try
        {
            foreach (var agent in new[] { A, F, G })
            {
                if (agent is not null)
                {
                    await agent.DisposeAsync();
                }
            }

            TestGuestCleaner.RemoveRunGuests(SystemUri, prefix: Prefix);
            TestResourceCleaner.RemoveRunPoolsAndNetworks(SystemUri, Prefix);
        }
        finally
        {
            // A libvirtd a test killed and could not start again is stopped here too: down.sh also ends QEMUs that outlived it.
            await _hosts.DisposeAsync();
            if (Directory.Exists(SharedDirectory))
            {
                Directory.Delete(SharedDirectory, recursive: true);
            }
        }
    }
}
