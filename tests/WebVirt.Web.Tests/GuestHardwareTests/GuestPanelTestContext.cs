using System.Globalization;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MudBlazor;
using MudBlazor.Services;
using WebVirt.Contracts;
using WebVirt.Web.Agents;
using WebVirt.Web.Agents.Gateway;
using WebVirt.Web.Audit;
using WebVirt.Web.Configuration;
using WebVirt.Web.Data;
using WebVirt.Web.Security;
using WebVirt.Web.Tests.Infrastructure;

namespace WebVirt.Web.Tests.GuestHardwareTests;

/// <summary>
/// Renders the guest page's panels against a fake agent over a real SignalR connection, with the
/// real agent gateway and the audit log of the web app's test database, so a
/// click is followed through permission check, hub call and audit entry.
/// </summary>
public abstract class GuestPanelTestContext : BunitContext, IAsyncLifetime
{
    protected const string HostId = "h1";
    private const string Token = "panel-token";

    private readonly WebAppFixture _app;
    private FakeAgent? _agent;
    private AgentConnections? _connections;

    protected GuestPanelTestContext(WebAppFixture app)
    {
        _app = app;
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
        Services.AddLocalization();
        Services.AddLogging();
        Services.AddMudServices(options => options.PopoverOptions.CheckForPopoverProvider = false);
        JSInterop.Mode = JSRuntimeMode.Loose;
        State = new FakeAgentState(HostSamples.Host(HostId), [], Token);
    }

    protected FakeAgentState State { get; }

    /// <summary>The web app whose database and stores the panels use.</summary>
    protected WebAppFixture App => _app;

    protected static TimeSpan Patience { get; } = TimeSpan.FromSeconds(15);

    async Task IAsyncLifetime.InitializeAsync()
    {
        _agent = await FakeAgent.StartAsync(State);
        var options = Options.Create(new WebVirtOptions
        {
            ActionTimeoutSeconds = 10,
            Agents = [new AgentOptions { HostId = HostId, Name = HostId, Url = _agent.Url, Token = Token }],
        });
        _connections = new AgentConnections(options, NullLogger<AgentConnections>.Instance);
        await _connections.StartAsync(CancellationToken.None);
        await Eventually.TrueAsync(() => _connections.Hosts[0].Link == AgentLinkState.Connected, Patience);

        Services.AddSingleton(_connections);
        Services.AddSingleton(options);
        Services.AddSingleton(_app.Factory.Services.GetRequiredService<AuditLog>());
        Services.AddScoped<ICurrentUser, CircuitCurrentUser>();
        Services.AddSingleton(_app.Factory.Services.GetRequiredService<WebVirt.Web.Security.Rights.RightsEvaluator>());
        Services.AddSingleton(_app.Factory.Services.GetRequiredService<WebVirt.Web.Security.Rights.GuestTagIndex>());
        Services.AddAgentGateway();
        Services.AddSingleton(_app.Factory.Services.GetRequiredService<WebVirt.Data.MigrationSettingsStore>());
        Services.AddSingleton(_app.Factory.Services.GetRequiredService<WebVirt.Data.MigrationBatchStore>());
        Services.AddSingleton(_app.Factory.Services.GetRequiredService<WebVirt.Web.Agents.Records.GuestNotesKeeper>());
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await this.DisposeOnDispatcherAsync();
        if (_connections is not null)
        {
            await _connections.DisposeAsync();
        }

        if (_agent is not null)
        {
            await _agent.DisposeAsync();
        }
    }

    protected void SignInAs(string role)
    {
        var authorization = AddAuthorization();
        authorization.SetAuthorized("panel-" + role.ToLowerInvariant());
        authorization.SetRoles(role);
    }

    /// <summary>Stores a task in the fake agent and pushes it to the console, as the agent does on each change.</summary>
    protected async Task PushTaskAsync(AgentTaskInfo task)
    {
        ArgumentNullException.ThrowIfNull(task);
        State.Provisioning.Tasks[task.TaskId] = task;
        await _agent!.Hub.Clients.All.TaskChanged(task);
    }

    /// <summary>Pushes a guest to the console, as the agent does when one appears or changes.</summary>
    protected async Task PushGuestAsync(GuestInfo guest) => await _agent!.Hub.Clients.All.GuestChanged(guest);

    /// <summary>Dialogs render here; render it before the panel that opens them.</summary>
    protected IRenderedComponent<MudDialogProvider> RenderDialogs() => Render<MudDialogProvider>();

    protected GuestInfo AddGuest(string name, GuestState state)
    {
        var guest = GuestSamples.Guest(name, state, HostId);
        State.Guests[guest.Uuid] = guest;
        return guest;
    }

    protected async Task<IReadOnlyList<AuditEntry>> AuditEntriesAsync(GuestInfo guest)
    {
        await using var scope = _app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WebDbContext>();
        return await db.AuditEntries.AsNoTracking().Where(e => e.TargetGuestUuid == guest.Uuid).OrderBy(e => e.Id).ToListAsync();
    }

    protected static string Input(string testId) => $"[data-testid='{testId}'] input, input[data-testid='{testId}']";
}
