using WebVirt.Agent.Tests.Migration;
using WebVirt.Contracts;
using WebVirt.Testing;

namespace WebVirt.Agent.Tests;

/// <summary>
/// The agent through a crash and restart of its host's libvirtd, with a TCG test guest running. The
/// host is an extra libvirt host of its own ("k", deploy/tests/libvirt-hosts), so the restart touches
/// no other test: the system libvirtd every other test uses is never restarted.
/// </summary>
[Trait("Category", "Qemu")]
public sealed class AgentQemuTests : IAsyncLifetime
{
    private const string Host = "k";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private readonly string _name = TestRun.GuestName("agent-reconnect");
    private LibvirtHosts? _hosts;
    private string _runDirectory = "";
    private string _uuid = "";
    private AgentFactory? _agent;

    private static string Uri => LibvirtHosts.Uri(Host);

    public async Task InitializeAsync()
    {
        if (LibvirtHosts.SkipReason is not null)
        {
            return;
        }

        _hosts = await LibvirtHosts.StartAsync(Host);
        // In the shared folder: host k's QEMU and virtlogd live in a mount namespace of their own.
        _runDirectory = Path.Combine(LibvirtHosts.SharedDirectory, TestRun.Prefix + "reconnect-" + Guid.NewGuid().ToString("N")[..6]);
        Directory.CreateDirectory(_runDirectory);
        File.SetUnixFileMode(_runDirectory, AgentMigrationGuest.DirectoryMode);
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
        if (_agent is not null)
        {
            await _agent.DisposeAsync();
        }

        // Host k goes with whatever still runs on it.
        if (_hosts is not null)
        {
            await _hosts.DisposeAsync();
        }

        if (_runDirectory.Length > 0 && Directory.Exists(_runDirectory))
        {
            Directory.Delete(_runDirectory, recursive: true);
        }
    }

    [ExtraHostsFact]
    public async Task The_agent_survives_a_libvirtd_restart_and_keeps_pushing_events()
    {
        await using var hub = _agent!.CreateHubConnection(AgentFactory.Token);
        var pushes = new PushRecorder(hub);
        await hub.StartAsync();
        await hub.WaitUntilConnectedAsync(Wait);

        Assert.True((await hub.ActAsync(_uuid, GuestAction.Start)).Ok);
        await pushes.WaitForGuestAsync(g => g.Uuid == _uuid && g.State == GuestState.Running, Wait);
        await pushes.WaitForEventAsync(e => e.Uuid == _uuid && e.Event == "started", Wait);
        await SerialLog.WaitForAsync(TestGuestDomainXml.SerialLogPath(_name, _runDirectory), "WEBVIRT TEST GUEST READY", TimeSpan.FromSeconds(90));

        await HostDaemon.KillLibvirtdAsync(Host);
        await HostDaemon.StartLibvirtdAsync(Host);

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
