using WebVirt.Testing;

namespace WebVirt.Libvirt.Tests.Qemu;

[Trait("Category", "Qemu")]
[Collection(QemuCollection.Name)]
public sealed class QemuGuestTests(QemuFixture fixture)
{
    private static readonly TimeSpan s_eventTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan s_bootTimeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Test_guest_boots_and_powers_off_on_acpi_shutdown()
    {
        string name = TestRun.GuestName("boot");
        string serialLog = TestGuestDomainXml.SerialLogPath(name, fixture.RunDirectory);
        using LibvirtConnection connection = LibvirtConnection.Open(QemuFixture.Uri);
        var events = new Recorder<DomainLifecycleEvent>();
        int callbackId = connection.RegisterDomainLifecycleEvents(events.Add);
        using LibvirtDomain domain = connection.DefineDomainXml(TestGuestDomainXml.DirectKernelBoot(name, fixture.RunDirectory));
        try
        {
            await events.WaitForAsync(e => e.Name == name && e.Event == DomainLifecycleEventType.Defined, s_eventTimeout);

            domain.Create();
            await events.WaitForAsync(e => e.Name == name && e.Event == DomainLifecycleEventType.Started, s_eventTimeout);
            Assert.Equal((DomainState.Running, 1), domain.GetState());
            Assert.True(domain.Id > 0);

            await SerialLog.WaitForAsync(serialLog, "WEBVIRT TEST GUEST READY", s_bootTimeout);
            AssertRunningStats(connection, domain);

            domain.Shutdown();
            await SerialLog.WaitForAsync(serialLog, "WEBVIRT TEST GUEST POWERING OFF", s_eventTimeout);
            await WaitForStateAsync(domain, DomainState.Shutoff, s_eventTimeout);
            Assert.Equal("shutdown", LibvirtDomain.ReasonName(DomainState.Shutoff, domain.GetState().Reason));
            Assert.Equal(-1, domain.Id);

            DomainLifecycleEvent stopped = await events.WaitForAsync(
                e => e.Name == name && e.Event == DomainLifecycleEventType.Stopped, s_eventTimeout);
            Assert.Equal("shutdown", stopped.DetailName);
            Assert.Equal(domain.Uuid, stopped.Uuid);

            // QEMU is started paused and then resumed, so a "resumed" event precedes "started".
            string[] sequence = events.Snapshot()
                .Where(e => e.Name == name && e.Event != DomainLifecycleEventType.Resumed)
                .Select(e => e.EventName)
                .ToArray();
            Assert.Equal(["defined", "started", "shutdown", "stopped"], sequence);

            domain.Undefine();
            await events.WaitForAsync(e => e.Name == name && e.Event == DomainLifecycleEventType.Undefined, s_eventTimeout);
        }
        finally
        {
            connection.DeregisterDomainEvents(callbackId);
            TestGuestCleaner.RemoveRunGuests(QemuFixture.Uri, prefix: name);
        }
    }

    private static void AssertRunningStats(LibvirtConnection connection, LibvirtDomain domain)
    {
        DomainStatsRecord all = Assert.Single(
            connection.GetAllDomainStats(DomainStatsTypes.State | DomainStatsTypes.CpuTotal | DomainStatsTypes.Balloon),
            r => r.Uuid == domain.Uuid);
        Assert.Equal((int)DomainState.Running, all.Params["state.state"]);
        Assert.True(Assert.IsType<ulong>(all.Params["cpu.time"]) > 0);
        Assert.Equal(256UL * 1024, Assert.IsType<ulong>(all.Params["balloon.maximum"]));

        DomainStatsRecord chosen = Assert.Single(connection.GetDomainStats([domain], DomainStatsTypes.State));
        Assert.Equal(domain.Name, chosen.Name);

        DomainInfo info = domain.GetInfo();
        Assert.Equal(DomainState.Running, info.State);
        Assert.Equal(256L * 1024, info.MaxMemoryKiB);
        Assert.Equal(1, info.VCpus);
    }

    private static async Task WaitForStateAsync(LibvirtDomain domain, DomainState expected, TimeSpan timeout)
    {
        DateTime deadline = DateTime.UtcNow + timeout;
        while (domain.GetState().State != expected)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{domain.Name} is {domain.GetState().State}, not {expected}, after {timeout}");
            }

            await Task.Delay(100);
        }
    }
}
