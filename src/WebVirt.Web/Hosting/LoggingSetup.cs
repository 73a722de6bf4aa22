using System.Globalization;
using Serilog;
using WebVirt.Logging;
using WebVirt.Web.Configuration;

namespace WebVirt.Web.Hosting;

/// <summary>
/// Serilog to the console and to a daily rolling file in WebVirt:LogDirectory. The folder is made
/// 0750 and each file 0640 whatever the process's umask, and query string values are redacted
/// from every event, since console tickets travel in the query string.
/// </summary>
public static class LoggingSetup
{
    public static WebApplicationBuilder AddWebVirtLogging(this WebApplicationBuilder builder)
    {
        var directory = builder.Configuration[$"{WebVirtOptions.Section}:{nameof(WebVirtOptions.LogDirectory)}"];
        if (string.IsNullOrWhiteSpace(directory))
        {
            directory = "logs";
        }

        directory = Path.GetFullPath(directory);
        PrivateLogFiles.CreateDirectory(directory);
        var path = Path.Combine(directory, "webvirt-web-.log");
        builder.Services.AddSerilog((services, logger) => logger
            .ReadFrom.Configuration(builder.Configuration)
            .Enrich.FromLogContext()
            .Enrich.With<QueryStringRedactor>()
            .WriteTo.Console(formatProvider: CultureInfo.InvariantCulture)
            .WriteTo.File(path,
                rollingInterval: RollingInterval.Day,
                retainedFileCountLimit: 14,
                fileSizeLimitBytes: 50 * 1024 * 1024,
                rollOnFileSizeLimit: true,
                formatProvider: CultureInfo.InvariantCulture,
                hooks: new PrivateLogFiles()),
            // Each host its own logger: with the static one, hosts in one process (the tests) would
            // all write into the last one's file.
            preserveStaticLogger: true);
        return builder;
    }
}
