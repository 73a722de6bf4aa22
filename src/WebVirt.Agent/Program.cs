using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.SignalR;
using WebVirt.Agent.Configuration;
using WebVirt.Agent.Enrolment;
using WebVirt.Agent.GuestHardware;
using WebVirt.Agent.Guests;
using WebVirt.Agent.HostChecks;
using WebVirt.Agent.Hosting;
using WebVirt.Agent.Hubs;
using WebVirt.Agent.Inventory;
using WebVirt.Agent.Logging;
using WebVirt.Agent.Memory;
using WebVirt.Agent.Migration;
using WebVirt.Agent.Provisioning;
using WebVirt.Agent.Pushes;
using WebVirt.Agent.Relay;
using WebVirt.Agent.Security;
using WebVirt.Agent.Session;
using WebVirt.Agent.Usage;
using WebVirt.Contracts;

// The agent holds no database credentials: the console keeps what agents report and migrates the
// schema. "--migrate", which installs of earlier versions ran on the agent too, only says so.
if (args.Contains("--migrate"))
{
    Console.Error.WriteLine("The agent keeps no database; the console (WebVirt.Web --migrate) brings the schema up to date.");
    return;
}

var builder = WebApplication.CreateBuilder(args.Where(arg => arg != EnrolCommand.Verb).ToArray());

// "enrol": make a one-time code for a console to enrol this agent with, print it and exit.
if (args.FirstOrDefault() == EnrolCommand.Verb)
{
    var enrolOptions = builder.Configuration.GetSection(AgentOptions.SectionName).Get<AgentOptions>() ?? new AgentOptions();
    Environment.ExitCode = EnrolCommand.Run(enrolOptions, args.Skip(1).ToList(), Console.Out, Console.Error);
    return;
}

if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
{
    // Loopback unless configured for remote use: consoles reach the agent over TLS only when told to.
    builder.WebHost.UseUrls("http://127.0.0.1:9091");
}

builder.AddAgentLogging();

builder.Services.AddOptions<AgentOptions>()
    .Bind(builder.Configuration.GetSection(AgentOptions.SectionName))
    .Validate(o => o.TokenSha256.Length is 0 or 64, "Agent:TokenSha256 must be empty (a console enrols with a code) or the SHA-256 (64 hex digits) of the console's token.")
    .ValidateOnStart();

builder.Services.AddSingleton(TimeProvider.System);
// Kestrel takes its memory blocks from this factory: 32 KiB blocks, fewer receive calls per MB relayed.
builder.Services.AddSingleton<IMemoryPoolFactory<byte>, LargeBlockMemoryPoolFactory>();
builder.Services.AddSingleton<AgentCertificateSource>();
builder.Services.AddSingleton<EnrolmentService>();
// Served over https (a console on another machine), TLS uses the agent's own certificate, which consoles pin.
builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureHttpsDefaults(https =>
    https.ServerCertificateSelector = (_, _) => kestrel.ApplicationServices.GetRequiredService<AgentCertificateSource>().Current.Certificate));

builder.Services.AddAuthentication(AgentTokenAuthenticationHandler.SchemeName)
    .AddScheme<AuthenticationSchemeOptions, AgentTokenAuthenticationHandler>(AgentTokenAuthenticationHandler.SchemeName, null);
builder.Services.AddAuthorization();
builder.Services.AddSignalR(o =>
{
    o.MaximumReceiveMessageSize = 1024 * 1024;
    o.AddFilter<HubFailureFilter>();
})
    // Compile-time metadata first, so a Native AOT agent serializes the hub's types without reflection.
    .AddJsonProtocol(o => o.PayloadSerializerOptions.TypeInfoResolverChain.Insert(0, AgentHubJson.Default));
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, AgentHttpJson.Default));
builder.Services.AddSingleton<IConnectedWebs, ConnectedWebs>();

builder.Services.AddSingleton<HubFailureFilter>();
builder.Services.AddSingleton(new HostPaths());
builder.Services.AddSingleton<KvmProbe>();
builder.Services.AddSingleton<CpuModelReader>();
builder.Services.AddSingleton<HostInfoReader>();
builder.Services.AddSingleton<CpuUsageTracker>();
builder.Services.AddSingleton<InventoryReader>();
builder.Services.AddSingleton<LibvirtSession>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<LibvirtSession>());
builder.Services.AddSingleton<InventoryService>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<InventoryService>());
builder.Services.AddHostedService<StartupPageOut>();
builder.Services.AddSingleton<GuestActionRunner>();
builder.Services.AddSingleton<VncLookup>();
builder.Services.AddHostedService<ConsoleHandoffListener>();
builder.Services.AddProvisioningFeature();
builder.Services.AddHostResourcesFeature();
builder.Services.AddGuestPageFeature();
builder.Services.AddGuestHardwareFeature();
builder.Services.AddUsageFeature();
builder.Services.AddMigrationFeature();

var app = builder.Build();

if ((app.Configuration["urls"] ?? app.Configuration["ASPNETCORE_URLS"] ?? "").Contains("https://", StringComparison.OrdinalIgnoreCase))
{
    EnrolmentLog.ServingTls(app.Logger, app.Services.GetRequiredService<AgentCertificateSource>().Current.FingerprintForDisplay);
}

app.UseAuthentication();
app.UseAuthorization();
app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(30) });
app.MapHub<AgentHub>(IAgentHub.AgentHubPath);
app.MapEnrolment();
app.MapRelayEndpoints();
app.MapMigrationStreams();
app.MapHostResourcesFeature();
app.MapGet("/healthz", (LibvirtSession session) => TypedResults.Ok(new AgentHealth(session.IsConnected)));

await app.RunAsync();

/// <summary>Entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
