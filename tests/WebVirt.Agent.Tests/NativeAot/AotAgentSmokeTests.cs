using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using WebVirt.Agent.Security;
using WebVirt.Contracts;
using WebVirt.Testing;

namespace WebVirt.Agent.Tests.NativeAot;

/// <summary>
/// The Native AOT agent program, started as a host would start it, on libvirt's test driver: it
/// answers /healthz, serves its hub to a console holding its token (reads, the OS catalogue, an
/// action and the push that follows it: every message through the compile-time JSON metadata).
/// </summary>
public sealed class AotAgentSmokeTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);
    private readonly string _state = Path.Combine(Path.GetTempPath(), TestRun.Prefix + "aot-agent-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly int _port = FreePort.Next();
    private AppProcess? _agent;

    private string Url => $"http://127.0.0.1:{_port}";

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_agent is not null)
        {
            await _agent.DisposeAsync();
        }

        if (Directory.Exists(_state))
        {
            Directory.Delete(_state, recursive: true);
        }
    }

    [AotAgentFact]
    public async Task The_published_agent_answers_health_and_its_hub()
    {
        _agent = AppProcess.StartExecutable(AotAgentFactAttribute.Executable, new Dictionary<string, string>
        {
            ["Agent__HostId"] = "aot-host",
            ["Agent__LibvirtUri"] = "test:///default",
            ["Agent__StateDirectory"] = _state,
            ["Agent__TokenSha256"] = AgentTokenAuthenticationHandler.HashToken(AgentFactory.Token),
            // Its start-up pages given back at once, so everything below runs on pages read back from the program file.
            ["Agent__PageOutAfterStartSeconds"] = "0",
            ["ASPNETCORE_URLS"] = Url,
        });
        await WaitUntilHealthyAsync();
        Assert.Contains("(0 refused)", await _agent.WaitForLogAsync("Start-up over", Wait));

        await using var hub = Connect(AgentFactory.Token);
        var pushes = new PushRecorder(hub);
        await hub.StartAsync();

        var host = await hub.InvokeAsync<HostInfo>(nameof(IAgentHub.GetHost));
        Assert.Equal("aot-host", host.HostId);
        Assert.True(host.Connected);
        var guest = Assert.Single(await hub.InvokeAsync<IReadOnlyList<GuestInfo>>(nameof(IAgentHub.GetGuests)), g => g.Name == "test");
        Assert.Equal(GuestState.Running, guest.State);

        var paused = await hub.InvokeAsync<ActionResult>(nameof(IAgentHub.Act), guest.Uuid, GuestAction.Pause);
        Assert.True(paused.Ok, paused.ToString());
        await pushes.WaitForGuestAsync(g => g.Uuid == guest.Uuid && g.State == GuestState.Paused, Wait);

        // The OS catalogue is read with PLINQ, whose deepest generic instantiations the AOT compiler cuts off.
        var debian = await hub.InvokeAsync<IReadOnlyList<OsVariantDto>>(nameof(IAgentHub.SearchOsVariants), "debian", 5);
        Assert.NotEmpty(debian);

        // A refusal travels as a failed result, through the same metadata.
        var unknown = await hub.InvokeAsync<ActionResult>(nameof(IAgentHub.Act), Guid.NewGuid().ToString(), GuestAction.Pause);
        Assert.False(unknown.Ok);
        Assert.NotNull(unknown.Error);
    }

    private HubConnection Connect(string token) =>
        new HubConnectionBuilder()
            .WithUrl(new Uri($"{Url}{IAgentHub.AgentHubPath}"), o =>
            {
                o.Transports = HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
                o.AccessTokenProvider = () => Task.FromResult<string?>(token);
            })
            .Build();

    private Task WaitUntilHealthyAsync() =>
        HttpReadiness.WaitForAsync(_agent!, $"{Url}/healthz", HttpReadiness.LibvirtConnected);
}
