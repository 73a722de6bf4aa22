using System.Diagnostics;
using WebVirt.Testing;
using Xunit.Abstractions;

namespace WebVirt.Libvirt.Tests.Migration;

// Live and offline migrations of the TCG test guest between the system libvirtd (host A) and the
// extra hosts b and c, with its disk on the shared folder. Migration streams stay on loopback:
// migrate_uri and listen_address are 127.0.0.1 (the hosts cannot be told so in qemu.conf).
[Trait("Category", "Qemu")]
[Collection(MigrationCollection.Name)]
public sealed class MigrationTests(MigrationFixture fixture, ITestOutputHelper output)
{
    internal static readonly MigrationParameters Loopback = new() { MigrateUri = "tcp://127.0.0.1", ListenAddress = "127.0.0.1" };

    // Unsafe: libvirt cannot know that a plain folder is shared storage.
    internal const MigrationFlags LiveShared = MigrationFlags.Live | MigrationFlags.PeerToPeer | MigrationFlags.Unsafe;

    [MigrationFact]
    public async Task Live_migration_with_a_shared_disk_moves_the_running_guest_and_its_clock_goes_on()
    {
        MigrationGuest guest = await PrepareSharedAsync("live");
        using LibvirtConnection a = LibvirtConnection.Open(MigrationFixture.SystemUri);
        using LibvirtConnection b = LibvirtConnection.Open(LibvirtHosts.Uri("b"));
        using LibvirtConnection c = LibvirtConnection.Open(LibvirtHosts.Uri("c"));
        await guest.BootAsync(a);

        // A -> b, peer to peer: A's libvirtd dials b itself.
        using (LibvirtDomain onA = a.LookupDomainByName(guest.Name))
        {
            await TimedAsync("live, shared disk, peer to peer, A -> b", () => onA.MigrateToUri(LibvirtHosts.Uri("b"), Loopback, LiveShared), b, guest.Name);
        }

        AssertRunsOnlyOn(b, guest.Name, a, c);
        await guest.WaitForNextTickAsync();

        // b -> c, client-managed: this process talks to both daemons and gets c's domain back.
        using (LibvirtDomain onB = b.LookupDomainByName(guest.Name))
        {
            var watch = Stopwatch.StartNew();
            using LibvirtDomain onC = await Task.Run(() => c.MigrateHere(onB, Loopback, MigrationFlags.Live | MigrationFlags.Unsafe));
            Record("live, shared disk, client-managed, b -> c", watch.Elapsed, c, guest.Name);
            Assert.Equal(guest.Name, onC.Name);
            Assert.Equal(onB.Uuid, onC.Uuid);
        }

        AssertRunsOnlyOn(c, guest.Name, a, b);
        await guest.WaitForNextTickAsync();

        // c -> A, peer to peer: from inside host c, host A has a URI of its own.
        using (LibvirtDomain onC = c.LookupDomainByName(guest.Name))
        {
            await TimedAsync("live, shared disk, peer to peer, c -> A", () => onC.MigrateToUri(LibvirtHosts.SystemUri, Loopback, LiveShared), a, guest.Name);
        }

        AssertRunsOnlyOn(a, guest.Name, b, c);
        await guest.WaitForNextTickAsync();
        Destroy(a, guest.Name);
    }

    [MigrationFact]
    public async Task Live_migration_with_persist_and_undefine_moves_the_definition_too()
    {
        MigrationGuest guest = await PrepareSharedAsync("persist");
        using LibvirtConnection a = LibvirtConnection.Open(MigrationFixture.SystemUri);
        using LibvirtConnection b = LibvirtConnection.Open(LibvirtHosts.Uri("b"));
        using (LibvirtDomain defined = a.DefineDomainXml(guest.Xml))
        {
            defined.Create();
        }

        await WebVirt.Testing.SerialLog.WaitForAsync(guest.SerialLog, "WEBVIRT TEST GUEST READY", TimeSpan.FromSeconds(120));
        using (LibvirtDomain onA = a.LookupDomainByName(guest.Name))
        {
            await TimedAsync(
                "live, shared disk, peer to peer, persist + undefine source, A -> b",
                () => onA.MigrateToUri(LibvirtHosts.Uri("b"), Loopback, LiveShared | MigrationFlags.PersistDestination | MigrationFlags.UndefineSource),
                b,
                guest.Name);
        }

        using LibvirtDomain onB = b.LookupDomainByName(guest.Name);
        Assert.True(onB.IsPersistent());
        Assert.Equal((DomainState.Running, "migrated"), StateOf(onB));
        Assert.False(Exists(a, guest.Name), "the definition stayed on A");
        onB.Destroy();
        onB.Undefine();
    }

    [MigrationFact]
    public async Task Offline_migration_moves_a_shut_off_guest_definition()
    {
        MigrationGuest guest = await PrepareSharedAsync("offline");
        using LibvirtConnection a = LibvirtConnection.Open(MigrationFixture.SystemUri);
        using LibvirtConnection b = LibvirtConnection.Open(LibvirtHosts.Uri("b"));
        using (LibvirtDomain defined = a.DefineDomainXml(guest.Xml))
        {
            var watch = Stopwatch.StartNew();
            await Task.Run(() => defined.MigrateToUri(
                LibvirtHosts.Uri("b"), new MigrationParameters(), MigrationFlags.PeerToPeer | MigrationFlags.Offline | MigrationFlags.PersistDestination | MigrationFlags.UndefineSource));
            MigrationTimes.Record(output, "offline, persist + undefine source, A -> b", watch.Elapsed);
        }

        using LibvirtDomain onB = b.LookupDomainByName(guest.Name);
        Assert.True(onB.IsPersistent());
        Assert.Equal(DomainState.Shutoff, onB.GetState().State);
        Assert.Contains(guest.DiskPath, onB.GetXmlDesc(inactive: true), StringComparison.Ordinal);
        Assert.False(Exists(a, guest.Name), "the definition stayed on A");

        // Back with the client-managed call: an offline migration returns the destination's domain too.
        var back = Stopwatch.StartNew();
        using (LibvirtDomain onA = await Task.Run(() => a.MigrateHere(onB, new MigrationParameters(), MigrationFlags.Offline | MigrationFlags.PersistDestination | MigrationFlags.UndefineSource)))
        {
            MigrationTimes.Record(output, "offline, client-managed, b -> A", back.Elapsed);
            Assert.Equal(DomainState.Shutoff, onA.GetState().State);
            Assert.False(Exists(b, guest.Name), "the definition stayed on b");
            onA.Undefine();
        }
    }

    [MigrationFact]
    public async Task Cpu_of_the_guest_is_compared_with_each_destination()
    {
        MigrationGuest guest = await PrepareSharedAsync("cpu");
        using LibvirtConnection a = LibvirtConnection.Open(MigrationFixture.SystemUri);
        using LibvirtConnection b = LibvirtConnection.Open(LibvirtHosts.Uri("b"));
        using LibvirtDomain onA = a.CreateDomainXml(guest.Xml);

        // The live definition names the CPU QEMU was started with (qemu64 under TCG).
        string cpu = onA.GetCpuXml() ?? throw new InvalidOperationException("the running guest's XML has no <cpu>");
        Assert.Contains("<model", cpu, StringComparison.Ordinal);

        Assert.Contains(b.CompareHypervisorCpu(cpu, virtType: "qemu", arch: "x86_64"), new[] { CpuCompareResult.Identical, CpuCompareResult.Superset });
        Assert.Contains(a.CompareHypervisorCpu(cpu, virtType: "qemu"), new[] { CpuCompareResult.Identical, CpuCompareResult.Superset });
        const string Unknown = "<cpu mode='custom' match='exact'><model fallback='forbid'>Icelake-Server</model></cpu>";
        Assert.Equal(CpuCompareResult.Incompatible, b.CompareHypervisorCpu(Unknown, virtType: "qemu"));
        LibvirtException invalid = Assert.Throws<LibvirtException>(() => b.CompareHypervisorCpu("<cpu><model>no-such-cpu</model></cpu>", virtType: "qemu"));
        output.WriteLine($"unknown model: {invalid.CodeName}: {invalid.Message}");

        HostIdentity hostA = a.GetHostIdentity();
        HostIdentity hostB = b.GetHostIdentity();
        Assert.NotEqual(hostA.Uuid, hostB.Uuid);
        Assert.Equal(hostA.Arch, hostB.Arch);
        onA.Destroy();
    }

    internal static (DomainState State, string Reason) StateOf(LibvirtDomain domain)
    {
        (DomainState state, int reason) = domain.GetState();
        return (state, LibvirtDomain.ReasonName(state, reason));
    }

    internal static bool Exists(LibvirtConnection connection, string name)
    {
        try
        {
            using LibvirtDomain domain = connection.LookupDomainByName(name);
            return true;
        }
        catch (LibvirtException e) when (e.Code == LibvirtErrorCodes.NoDomain)
        {
            return false;
        }
    }

    internal static void AssertRunsOnlyOn(LibvirtConnection destination, string name, params LibvirtConnection[] others)
    {
        using (LibvirtDomain domain = destination.LookupDomainByName(name))
        {
            Assert.Equal((DomainState.Running, "migrated"), StateOf(domain));
        }

        foreach (LibvirtConnection other in others)
        {
            Assert.False(Exists(other, name), $"{name} is still on {other.Uri}");
        }
    }

    internal static void Destroy(LibvirtConnection connection, string name)
    {
        using LibvirtDomain domain = connection.LookupDomainByName(name);
        domain.Destroy();
    }

    private Task<MigrationGuest> PrepareSharedAsync(string purpose) => fixture.PrepareSharedGuestAsync(purpose);

    // The migrate call blocks: it runs on a pool thread, as the agent will run it off its dispatcher.
    private async Task TimedAsync(string migration, Action migrate, LibvirtConnection destination, string name)
    {
        var watch = Stopwatch.StartNew();
        await Task.Run(migrate);
        Record(migration, watch.Elapsed, destination, name);
    }

    private void Record(string migration, TimeSpan elapsed, LibvirtConnection destination, string name)
    {
        using LibvirtDomain domain = destination.LookupDomainByName(name);
        DomainJobStats completed = domain.GetJobStats(completed: true);
        MigrationTimes.Record(
            output, migration, elapsed, $"downtime {completed.DowntimeMs?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"} ms, data {completed.DataProcessed / 1024 / 1024} MiB");
    }
}
