using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.EntityFrameworkCore;
using MudBlazor;
using MudBlazor.Services;
using WebVirt.Web.Agents;
using WebVirt.Web.Agents.Enrolment;
using WebVirt.Web.Agents.Gateway;
using WebVirt.Web.Agents.Records;
using WebVirt.Web.Audit;
using WebVirt.Web.Api;
using WebVirt.Web.Security.Rights;
using WebVirt.Web.Components;
using WebVirt.Web.Components.Shared;
using WebVirt.Web.Console;
using WebVirt.Web.Configuration;
using WebVirt.Web.Data;
using WebVirt.Web.Faults;
using WebVirt.Web.Endpoints;
using WebVirt.Web.Hosting;
using WebVirt.Web.Hosting.Tls;
using WebVirt.Web.Metrics;
using WebVirt.Web.Security;
using WebVirt.Web.Security.Pam;
using WebVirt.Web.Security.TwoFactor;
using WebVirt.Web.Services;

// "--migrate": apply the schema migrations and exit (install runs it with the owner role).
var migrateOnly = args.Contains(DatabaseInitializer.MigrateSwitch);
var builder = WebApplication.CreateBuilder(args.Where(arg => arg != DatabaseInitializer.MigrateSwitch).ToArray());

// HTTPS on every interface at WebVirt:Port unless --urls / ASPNETCORE_URLS say otherwise.
builder.AddWebVirtEdge();

// Serves MudBlazor's and the framework's files from the build output as well as from a publish
// folder (where this is a no-op), so the test suite can run the app exactly as built.
builder.WebHost.UseStaticWebAssets();

builder.AddWebVirtLogging();
builder.Services.AddWebVirtRequestLimits();

builder.Services.Configure<WebVirtOptions>(builder.Configuration.GetSection(WebVirtOptions.Section));

// Registered before anything else that starts (data protection preloads its key ring from the
// database), so the schema exists first.
builder.Services.AddHostedService<DatabaseInitializer>();
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddWebDatabase(builder.Configuration);
builder.Services.AddWebVirtFaults();
builder.Services.TryAddScoped(services => services.GetRequiredService<IDbContextFactory<WebDbContext>>().CreateDbContext());
builder.Services.AddWebVirtDataProtection(builder.Configuration);
builder.Services.AddWebVirtIdentity(builder.Configuration);
builder.Services.AddWebVirtPamLogin(builder.Configuration);
builder.Services.AddWebVirtTwoFactor(builder.Configuration);

builder.Services.AddSingleton<AgentDirectory>();
// Before the connections start, so that enrolled hosts are connected to from the first moment.
builder.Services.AddHostedService<EnrolledHostsLoader>();
builder.Services.AddScoped<HostEnrolmentService>();
builder.Services.AddSingleton(services => new AgentConnections(services.GetRequiredService<AgentDirectory>(), services.GetRequiredService<ILogger<AgentConnections>>()));
builder.Services.AddHostedService(services => services.GetRequiredService<AgentConnections>());
builder.Services.AddHostedService<StartupPageOut>();
builder.Services.AddSingleton<IKnownHosts>(services => services.GetRequiredService<AgentConnections>());
builder.Services.AddAgentRecords(builder.Configuration);
builder.Services.AddSingleton<AuditLog>();
builder.Services.AddScoped<ICurrentUser, CircuitCurrentUser>();
builder.Services.AddAgentGateway();
builder.Services.AddWebVirtRights();
builder.Services.AddWebVirtApi(builder.Configuration);
builder.Services.AddWebVirtMetrics(builder.Configuration);
builder.Services.AddScoped<UserAdminService>();
builder.Services.AddScoped<AccountService>();
builder.Services.AddSingleton<WebVirt.Web.Storage.UploadTickets>();
WebVirt.Web.Storage.UploadEndpoints.AddUploadRelay(builder.Services);
builder.Services.AddSingleton<ConsoleTicketService>();
builder.Services.AddSingleton<ConsoleHandoffClient>();
builder.Services.AddSingleton<AgentRelayClient>();
builder.Services.AddScoped<ConsoleService>();
builder.Services.AddHttpClient(AgentRelayClient.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(15))
    .ConfigurePrimaryHttpMessageHandler(AgentTls.SharedHandler);

builder.Services.AddLocalization();
builder.Services.AddMudServices(MudConfiguration.Configure);
builder.Services.AddTransient<MudLocalizer, MudTextLocalizer>();
builder.Services.AddRazorComponents().AddInteractiveServerComponents();
builder.Services.AddWebVirtCircuitRetention();
builder.Services.AddCircuitConnection();

var app = builder.Build();
if (migrateOnly)
{
    await DatabaseInitializer.MigrateOnlyAsync(app.Services, CancellationToken.None);
    return;
}

app.UseWebVirtLocalization();
app.UseWebVirtOutagePage();
app.UseWebVirtNotFoundPage();
app.UseWebVirtApiLimits();
app.UseAuthentication();
// Before authorization, so a user who must enrol first is sent to enrolment whatever else they ask for.
app.UseRequiredTwoFactor();
app.UseAuthorization();
app.UseAntiforgery();
app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(30) });

app.MapStaticAssets().AllowAnonymous();
app.MapAccountEndpoints();
WebVirt.Web.Storage.UploadEndpoints.MapUploadEndpoints(app);
app.MapConsoleEndpoints();
app.MapScreenshotEndpoints();
app.MapWebVirtApi();
app.MapWebVirtMetrics();
app.MapRazorComponents<App>()
    .AddInteractiveServerRenderMode()
    .RequireAuthorization();

await app.RunAsync();

/// <summary>Entry point; public so integration tests can host the app.</summary>
public partial class Program;
