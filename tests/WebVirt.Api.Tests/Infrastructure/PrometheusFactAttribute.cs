namespace WebVirt.Api.Tests.Infrastructure;

/// <summary>A test that needs Debian's Prometheus (apt-get install prometheus; deploy/test.sh installs it): skipped, saying so, where it is absent.</summary>
public sealed class PrometheusFactAttribute : FactAttribute
{
    public PrometheusFactAttribute()
    {
        if (!File.Exists(PrometheusServer.Executable))
        {
            Skip = $"Prometheus is not installed ({PrometheusServer.Executable}): apt-get install prometheus";
        }
    }
}
