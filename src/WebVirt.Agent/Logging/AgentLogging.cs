using System.Globalization;
using Serilog;
using WebVirt.Logging;

namespace WebVirt.Agent.Logging;

/// <summary>
/// Serilog to the console (the journal under systemd) and, only when Agent:LogDirectory is set, also
/// to a daily file there; the folder is made 0750 and each file 0640 whatever the umask, and query
/// string values (SignalR's access_token) are redacted. The levels come from Serilog:MinimumLevel
/// (<see cref="SerilogLevels"/>).
/// </summary>
internal static class AgentLogging
{
    public static WebApplicationBuilder AddAgentLogging(this WebApplicationBuilder builder)
    {
        var configured = builder.Configuration["Agent:LogDirectory"];
        // Resolved here, not in the callback, so a relative folder means the start's working directory.
        var path = string.IsNullOrWhiteSpace(configured) ? null : Path.Combine(Path.GetFullPath(configured), "agent-.log");
        if (path is not null)
        {
            PrivateLogFiles.CreateDirectory(Path.GetDirectoryName(path)!);
        }

        builder.Services.AddSerilog((services, config) =>
        {
            config
                .ApplyLevels(builder.Configuration)
                .Enrich.FromLogContext()
                .Enrich.With<QueryStringRedactor>()
                .WriteTo.Console(formatProvider: CultureInfo.InvariantCulture);
            if (path is not null)
            {
                config.WriteTo.File(path,
                    rollingInterval: RollingInterval.Day,
                    retainedFileCountLimit: 14,
                    formatProvider: CultureInfo.InvariantCulture,
                    hooks: new PrivateLogFiles());
            }
        },
            // Each host its own logger: with the static one, hosts in one process (the tests) would
            // all write into the last one's file.
            preserveStaticLogger: true);
        return builder;
    }
}
