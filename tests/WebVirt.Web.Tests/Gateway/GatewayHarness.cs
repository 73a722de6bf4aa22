using System.Security.Claims;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using WebVirt.Contracts;
using WebVirt.Web.Agents;
using WebVirt.Web.Agents.Gateway;
using WebVirt.Web.Audit;
using WebVirt.Web.Configuration;
using WebVirt.Web.Security;
using WebVirt.Web.Tests.Infrastructure;

namespace WebVirt.Web.Tests.Gateway;

/// <summary>
/// A fake agent on loopback, the web's real connection to it, and the gateway's pipeline over that
/// connection with the audit log of the web app's test database, for a user the test chooses.
/// </summary>
public sealed class GatewayHarness : IAsyncDisposable
{
    public const string HostId = "h1";
    private const string Token = "gateway-token";

    private readonly WebAppFixture _app;
    private readonly IOptions<WebVirtOptions> _options;

    private GatewayHarness(WebAppFixture app, FakeAgent agent, AgentConnections connections, IOptions<WebVirtOptions> options)
    {
        _app = app;
        Agent = agent;
        Connections = connections;
        _options = options;
    }

    public FakeAgent Agent { get; }

    public AgentConnections Connections { get; }

    public static async Task<GatewayHarness> StartAsync(WebAppFixture app, IEnumerable<GuestInfo> guests, int actionTimeoutSeconds = 10)
    {
        var agent = await FakeAgent.StartAsync(new FakeAgentState(HostSamples.Host(HostId), guests, Token));
        var options = Options.Create(new WebVirtOptions
        {
            ActionTimeoutSeconds = actionTimeoutSeconds,
            Agents = [new AgentOptions { HostId = HostId, Name = HostId, Url = agent.Url, Token = Token }],
        });
        var connections = new AgentConnections(options, NullLogger<AgentConnections>.Instance);
        await connections.StartAsync(CancellationToken.None);
        await Eventually.TrueAsync(() => connections.Hosts[0].Link == AgentLinkState.Connected, TimeSpan.FromSeconds(20));

        return new GatewayHarness(app, agent, connections, options);
    }

    public static ClaimsPrincipal User(string name, string role) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, name), new Claim(ClaimTypes.Role, role)], "test"));

    public static ClaimsPrincipal Anonymous => new(new ClaimsIdentity());

    public AgentCallPipeline PipelineFor(ClaimsPrincipal user) =>
        new(new FixedUser(user), _app.Factory.Services.GetRequiredService<WebVirt.Web.Security.Rights.RightsEvaluator>(), Connections, _app.Factory.Services.GetRequiredService<AuditLog>(), _options, NullLogger<AgentCallPipeline>.Instance);

    public async ValueTask DisposeAsync()
    {
        await Connections.DisposeAsync();
        await Agent.DisposeAsync();
    }

    private sealed class FixedUser(ClaimsPrincipal user) : ICurrentUser
    {
        public Task<ClaimsPrincipal> GetAsync() => Task.FromResult(user);
    }
}
