using System.Globalization;
using Serilog;
using WebVirt.Web.Configuration;

namespace WebVirt.Web.Hosting;

/// <summary>Serilog to the console and to a daily rolling file in WebVirt:LogDirectory.</summary>
public static class LoggingSetup
{
    public static WebApplicationBuilder AddWebVirtLogging(this WebApplicationBuilder builder)
    {
        var directory = builder.Configuration[$"{WebVirtOptions.Section}:{nameof(WebVirtOptions.LogDirectory)}"];
        if (string.IsNullOrWhiteSpace(directory))
        {
            directory = "logs";
        }

        var path = Path.Combine(Path.GetFullPath(directory), "webvirt-web-.log");
        builder.Services.AddSerilog((services, logger) => logger
            .ReadFrom.Configuration(builder.Configuration)
            .Enrich.FromLogContext()
            .WriteTo.Console(formatProvider: CultureInfo.InvariantCulture)
            .WriteTo.File(path,
                rollingInterval: RollingInterval.Day,
                retainedFileCountLimit: 14,
                fileSizeLimitBytes: 50 * 1024 * 1024,
                rollOnFileSizeLimit: true,
                formatProvider: CultureInfo.InvariantCulture));
        return builder;
    }
}
