using System.Globalization;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WebVirt.Web.Agents.Gateway;
using MudBlazor.Services;
using WebVirt.Web.Audit;
using WebVirt.Web.Components.Shared;
using WebVirt.Web.Configuration;
using WebVirt.Web.Data;
using WebVirt.Web.Security;
using WebVirt.Web.Tests.Infrastructure;

namespace WebVirt.Web.Tests.GuestPage;

/// <summary>
/// bUnit with the web app's own agent connection and audit log (so calls cross the wire to the fake
/// agent and land in PostgreSQL) and the page's services scoped to a user of a given role.
/// </summary>
public abstract class GuestPageTestContext : BunitContext, IAsyncLifetime
{
    protected GuestPageTestContext(GuestPageFixture fixture)
    {
        Fixture = fixture;
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
        Services.AddLocalization();
        Services.AddLogging();
        Services.AddMudServices(options => options.PopoverOptions.CheckForPopoverProvider = false);
        Services.AddSingleton(fixture.Agents);
        Services.AddSingleton(fixture.Factory.Services.GetRequiredService<AuditLog>());
        Services.AddSingleton(fixture.Factory.Services.GetRequiredService<IOptions<WebVirtOptions>>());
        Services.AddScoped<ICurrentUser, CircuitCurrentUser>();
        Services.AddSingleton(fixture.Factory.Services.GetRequiredService<WebVirt.Web.Security.Rights.RightsEvaluator>());
        Services.AddSingleton(fixture.Factory.Services.GetRequiredService<WebVirt.Web.Security.Rights.GuestTagIndex>());
        Services.AddAgentGateway();
        Services.AddCircuitConnection();
        // What the agents report is read from the web's own stores.
        Services.AddSingleton(fixture.Factory.Services.GetRequiredService<WebVirt.Data.UsageStore>());
        Services.AddSingleton(fixture.Factory.Services.GetRequiredService<WebVirt.Data.MigrationBatchStore>());
        Services.AddSingleton(fixture.Factory.Services.GetRequiredService<WebVirt.Web.Agents.Records.GuestNotesKeeper>());
        Services.AddSingleton(TimeProvider.System);
        Services.AddSingleton(fixture.Factory.Services.GetRequiredService<WebVirt.Web.Data.DatabaseHealth>());
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    protected GuestPageFixture Fixture { get; }

    protected static string NewUser(string role) => $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}"[..20];

    protected void SignIn(string user, string role)
    {
        var authorization = AddAuthorization();
        authorization.SetAuthorized(user);
        authorization.SetRoles(role);
    }

    protected IRenderedComponent<TComponent> RenderAs<TComponent>(string user, string role, Action<ComponentParameterCollectionBuilder<TComponent>> parameters)
        where TComponent : IComponent
    {
        SignIn(user, role);
        return Render(parameters);
    }

    protected async Task<List<AuditEntry>> AuditOfAsync(string user)
    {
        await using var scope = Fixture.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WebDbContext>();
        return await db.AuditEntries.Where(entry => entry.UserName == user).ToListAsync();
    }

    /// <summary>The text box a MudTextField with this test id renders (the id may sit on the input or on its wrapper).</summary>
    protected static string TextBox(string testId) =>
        $"input[data-testid='{testId}'], textarea[data-testid='{testId}'], [data-testid='{testId}'] input, [data-testid='{testId}'] textarea";

    // MudBlazor registers services that only dispose asynchronously.
    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    Task IAsyncLifetime.DisposeAsync() => this.DisposeOnDispatcherAsync();
}
