using WebVirt.Contracts;
using WebVirt.Libvirt;
using WebVirt.Testing;

namespace WebVirt.Agent.Tests;

/// <summary>The agent on the real qemu:///system with a TCG test guest, through a libvirtd restart.</summary>
[Trait("Category", "Qemu")]
[Collection(LibvirtdRestartCollection.Name)]
public sealed class AgentQemuTests : IAsyncLifetime
{
    private const string Uri = "qemu:///system";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private readonly string _name = TestRun.GuestName("agent-reconnect");
    private string _runDirectory = "";
    private string _uuid = "";
    private AgentFactory _agent = null!;

    public async Task InitializeAsync()
    {
        _runDirectory = TestGuestImages.CreateRunDirectory();
        await TestGuestImages.CopyIntoAsync(_runDirectory, CancellationToken.None, TestGuestImages.Kernel, TestGuestImages.Initrd);
        using (var connection = LibvirtConnection.Open(Uri))
        using (var domain = connection.DefineDomainXml(TestGuestDomainXml.DirectKernelBoot(_name, _runDirectory)))
        {
            _uuid = domain.Uuid;
        }

        _agent = new AgentFactory(Uri);
    }

    public async Task DisposeAsync()
    {
        await _agent.DisposeAsync();
        using var connection = LibvirtConnection.Open(Uri);
        try
        {
            using var domain = connection.LookupDomainByName(_name);
            if (domain.IsActive())
            {
                domain.Destroy();
            }

            domain.Undefine();
        }
        catch (LibvirtException ex) when (ex.Code == LibvirtErrorCodes.NoDomain)
        {
        }

        Directory.Delete(_runDirectory, recursive: true);
    }

    [Fact]
    public async Task The_agent_survives_a_libvirtd_restart_and_keeps_pushing_events()
    {
        await using var hub = _agent.CreateHubConnection(AgentFactory.Token);
        var pushes = new PushRecorder(hub);
        await hub.StartAsync();
        await hub.WaitUntilConnectedAsync(Wait);

        Assert.True((await hub.ActAsync(_uuid, GuestAction.Start)).Ok);
        await pushes.WaitForGuestAsync(g => g.Uuid == _uuid && g.State == GuestState.Running, Wait);
        await pushes.WaitForEventAsync(e => e.Uuid == _uuid && e.Event == "started", Wait);
        await SerialLog.WaitForAsync(TestGuestDomainXml.SerialLogPath(_name, _runDirectory), "WEBVIRT TEST GUEST READY", TimeSpan.FromSeconds(90));

        await LibvirtDaemon.RestartAsync(Wait);

        // The guest kept running across the restart. Until the agent has reconnected, commands
        // fail with "not connected"; once it has, an ACPI shutdown must go through and be seen.
        var shutdown = await hub.ActAsync(_uuid, GuestAction.Shutdown);
        for (var i = 0; !shutdown.Ok && i < 60; i++)
        {
            Assert.Contains(shutdown.ErrorCode, (string[])[ErrorCodes.LibvirtUnavailable, "VIR_ERR_RPC", "VIR_ERR_SYSTEM_ERROR", "VIR_ERR_INTERNAL_ERROR", "VIR_ERR_NO_CONNECT"]);
            await Task.Delay(500);
            shutdown = await hub.ActAsync(_uuid, GuestAction.Shutdown);
        }

        Assert.True(shutdown.Ok, shutdown.ToString());
        await pushes.WaitForEventAsync(e => e.Uuid == _uuid && e.Event == "stopped", TimeSpan.FromSeconds(60));
        await pushes.WaitForGuestAsync(g => g.Uuid == _uuid && g.State == GuestState.ShutOff, Wait);
    }
}
