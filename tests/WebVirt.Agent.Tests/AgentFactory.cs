using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.Http.Connections;
using WebVirt.Agent.Security;
using WebVirt.Contracts;
using WebVirt.Testing;

namespace WebVirt.Agent.Tests;

/// <summary>An in-process agent on a libvirt URI with a state directory of its own (a fresh one unless given, removed with the factory).</summary>
public sealed class AgentFactory(string libvirtUri, string? stateDirectory = null) : WebApplicationFactory<Program>
{
    private readonly string? _ownStateDirectory = stateDirectory is null
        ? Path.Combine(Path.GetTempPath(), TestRun.Prefix + "agentstate-" + Guid.NewGuid().ToString("N")[..12])
        : null;

    /// <summary>Where this agent keeps its tasks, creation records and emulation setting.</summary>
    public string StateDirectory => stateDirectory ?? _ownStateDirectory!;

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_ownStateDirectory is not null && Directory.Exists(_ownStateDirectory))
        {
            Directory.Delete(_ownStateDirectory, recursive: true);
        }
    }

    public const string Token = "test-token-0123456789abcdef";

    /// <summary>More agent settings ("Agent:Name" = value), applied after the defaults; set before the agent starts.</summary>
    public Dictionary<string, string> Settings { get; } = [];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Agent:LibvirtUri", libvirtUri);
        builder.UseSetting("Agent:HostId", "test-host");
        builder.UseSetting("Agent:TokenSha256", AgentTokenAuthenticationHandler.HashToken(Token));
        builder.UseSetting("Agent:PollIntervalSeconds", "0.5");
        builder.UseSetting("Agent:LogDirectory", Path.Combine(Path.GetTempPath(), "wvt-agent-logs"));
        builder.UseSetting("Agent:StateDirectory", StateDirectory);
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
    }

    public HubConnection CreateHubConnection(string? token)
    {
        var server = Server;
        return new HubConnectionBuilder()
            .WithUrl(new Uri(server.BaseAddress, IAgentHub.AgentHubPath), o =>
            {
                o.Transports = HttpTransportType.LongPolling;
                o.HttpMessageHandlerFactory = _ => server.CreateHandler();
                if (token is not null)
                {
                    o.AccessTokenProvider = () => Task.FromResult<string?>(token);
                }
            })
            .Build();
    }
}
