using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.Http.Connections;
using WebVirt.Agent.Security;
using WebVirt.Contracts;

namespace WebVirt.Agent.Tests;

/// <summary>An in-process agent on a libvirt URI and a real PostgreSQL database of its own.</summary>
public sealed class AgentFactory(string libvirtUri, string connectionString, string? stateDirectory = null) : WebApplicationFactory<Program>
{
    public const string Token = "test-token-0123456789abcdef";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Agent:LibvirtUri", libvirtUri);
        builder.UseSetting("Agent:HostId", "test-host");
        builder.UseSetting("Agent:TokenSha256", AgentTokenAuthenticationHandler.HashToken(Token));
        builder.UseSetting("Agent:PollIntervalSeconds", "0.5");
        builder.UseSetting("Agent:LogDirectory", Path.Combine(Path.GetTempPath(), "wvt-agent-logs"));
        builder.UseSetting("ConnectionStrings:WebVirt", connectionString);
        if (stateDirectory is not null)
        {
            builder.UseSetting("Agent:StateDirectory", stateDirectory);
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
