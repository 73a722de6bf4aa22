using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using WebVirt.Contracts;
using WebVirt.Data;
using WebVirt.Testing;
using WebVirt.Web.Agents;
using WebVirt.Web.Agents.Records;
using WebVirt.Web.Tests.Infrastructure;

namespace WebVirt.Web.Tests.GuestPage;

/// <summary>
/// The real web app on its own database, connected to a fake agent for host <see cref="HostId"/>.
/// Tests add their own guests (<see cref="AddGuestAsync"/>) so their notes, XML and audit entries
/// do not meet.
/// </summary>
public sealed class GuestPageFixture : IAsyncLifetime
{
    public const string HostId = "h1";
    private const string Token = "guest-page-token";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private TestDatabase? _database;
    private FakeAgent? _agent;
    private WebApplicationFactory<Program>? _factory;

    public FakeAgent Agent => _agent ?? throw new InvalidOperationException("Not initialized.");

    public WebApplicationFactory<Program> Factory => _factory ?? throw new InvalidOperationException("Not initialized.");

    public AgentConnections Agents => Factory.Services.GetRequiredService<AgentConnections>();

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync("wpage");
        _agent = await FakeAgent.StartAsync(new FakeAgentState(HostSamples.Host(HostId), [], Token));
        var logs = Path.Combine(Path.GetTempPath(), "webvirt-web-tests", _database.Name);
        var connectionString = _database.ConnectionString;
        var agentUrl = _agent.Url;
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("ConnectionStrings:WebVirt", connectionString);
            builder.UseSetting("WEBVIRT_ADMIN_PASSWORD", "guest-page-admin-pw");
            builder.UseSetting("WebVirt:LogDirectory", logs);
            // The in-memory test server speaks plain HTTP; TLS is tested over real Kestrel in Tls/.
            builder.UseSetting("WebVirt:PlainHttp", "true");
            builder.UseSetting("WebVirt:ActionTimeoutSeconds", "10");
            builder.UseSetting("WebVirt:Agents:0:HostId", HostId);
            builder.UseSetting("WebVirt:Agents:0:Name", "Guest page test host");
            builder.UseSetting("WebVirt:Agents:0:Url", agentUrl);
            builder.UseSetting("WebVirt:Agents:0:Token", Token);
        });

        _ = _factory.Services;
        await EventuallyAsync(() => Agents.Hosts[0].Link == AgentLinkState.Connected);
    }

    /// <summary>A new guest on the fake agent with its details and XML, known to the web app's inventory when this returns.</summary>
    public async Task<GuestDetails> AddGuestAsync(string name, GuestState state = GuestState.Running, Func<GuestDetails, GuestDetails>? shape = null)
    {
        var details = GuestPageSamples.Details(name, state);
        details = shape?.Invoke(details) ?? details;
        Agent.State.Guests[details.Guest.Uuid] = details.Guest;
        Agent.State.GuestPage.Add(details, GuestPageSamples.DomainXml(name, details.Guest.Uuid),
            state == GuestState.Running ? GuestPageSamples.DomainXml(name, details.Guest.Uuid, live: true) : null);
        await Agent.Hub.Clients.All.GuestChanged(details.Guest);
        await EventuallyAsync(() => Agents.Guests.Any(guest => guest.Uuid == details.Guest.Uuid));
        if (details.Notes.Description.Length > 0 || details.Notes.Tags.Count > 0)
        {
            // Notes are the web's own: the sample's stand for notes saved earlier by their editor.
            await Factory.Services.GetRequiredService<InventoryRecorder>().SyncNowAsync(HostId, CancellationToken.None);
            var saved = await Factory.Services.GetRequiredService<GuestNotesStore>().SaveAsync(
                HostId, Guid.Parse(details.Guest.Uuid), details.Notes.Description, details.Notes.Tags, details.Notes.UpdatedBy ?? "alice", CancellationToken.None);
            Assert.NotNull(saved);
        }

        return details;
    }

    public static Task EventuallyAsync(Func<bool> condition) => Eventually.TrueAsync(condition, Patience);

    public async Task DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        if (_agent is not null)
        {
            await _agent.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class GuestPageCollection : ICollectionFixture<GuestPageFixture>
{
    public const string Name = "guest-page";
}
