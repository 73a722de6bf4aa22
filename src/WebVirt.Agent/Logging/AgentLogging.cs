using System.Globalization;
using Serilog;
using WebVirt.Logging;

namespace WebVirt.Agent.Logging;

/// <summary>
/// Serilog to the console and a daily file in Agent:LogDirectory; the folder is made 0750 and each
/// file 0640 whatever the umask, and query string values (SignalR's access_token) are redacted.
/// </summary>
internal static class AgentLogging
{
    public static WebApplicationBuilder AddAgentLogging(this WebApplicationBuilder builder)
    {
        var directory = Path.GetFullPath(builder.Configuration["Agent:LogDirectory"] is { Length: > 0 } configured ? configured : "logs");
        PrivateLogFiles.CreateDirectory(directory);
        builder.Services.AddSerilog((services, config) => config
            .ReadFrom.Configuration(builder.Configuration)
            .Enrich.FromLogContext()
            .Enrich.With<QueryStringRedactor>()
            .WriteTo.Console(formatProvider: CultureInfo.InvariantCulture)
            .WriteTo.File(
                Path.Combine(directory, "agent-.log"),
                rollingInterval: RollingInterval.Day,
                retainedFileCountLimit: 14,
                formatProvider: CultureInfo.InvariantCulture,
                hooks: new PrivateLogFiles()),
            // Each host its own logger: with the static one, hosts in one process (the tests) would
            // all write into the last one's file.
            preserveStaticLogger: true);
        return builder;
    }
}
