using System.Globalization;
using Serilog;
using WebVirt.Logging;
using WebVirt.Web.Configuration;

namespace WebVirt.Web.Hosting;

/// <summary>
/// Serilog to the console (the journal under systemd) and, only when WebVirt:LogDirectory is set,
/// also to a daily rolling file there. The folder is made 0750 and each file 0640 whatever the
/// process's umask, and query string values are redacted from every event, since console tickets
/// travel in the query string.
/// </summary>
public static class LoggingSetup
{
    public static WebApplicationBuilder AddWebVirtLogging(this WebApplicationBuilder builder)
    {
        var configured = builder.Configuration[$"{WebVirtOptions.Section}:{nameof(WebVirtOptions.LogDirectory)}"];
        // Resolved here, not in the callback, so a relative folder means the start's working directory.
        var path = string.IsNullOrWhiteSpace(configured) ? null : Path.Combine(Path.GetFullPath(configured), "webvirt-web-.log");
        if (path is not null)
        {
            PrivateLogFiles.CreateDirectory(Path.GetDirectoryName(path)!);
        }

        builder.Services.AddSerilog((services, logger) =>
        {
            logger
                .ReadFrom.Configuration(builder.Configuration)
                .Enrich.FromLogContext()
                .Enrich.With<QueryStringRedactor>()
                .WriteTo.Console(formatProvider: CultureInfo.InvariantCulture);
            if (path is not null)
            {
                logger.WriteTo.File(path,
                    rollingInterval: RollingInterval.Day,
                    retainedFileCountLimit: 14,
                    fileSizeLimitBytes: 50 * 1024 * 1024,
                    rollOnFileSizeLimit: true,
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
