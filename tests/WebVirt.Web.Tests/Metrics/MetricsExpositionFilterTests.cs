using System.Text;
using WebVirt.Web.Metrics;

namespace WebVirt.Web.Tests.Metrics;

public sealed class MetricsExpositionFilterTests
{
    private const string Seen = "11111111-1111-1111-1111-111111111111";
    private const string Hidden = "22222222-2222-2222-2222-222222222222";

    private static string Filter(string text) => Encoding.UTF8.GetString(MetricsExpositionFilter.Filter(Encoding.UTF8.GetBytes(text),
        host => host == "h1", (host, uuid) => host == "h1" && uuid == Seen));

    [Fact]
    public void Guest_series_stay_only_for_seen_guests_and_host_series_only_for_seen_hosts()
    {
        var text = string.Join('\n',
            "# HELP webvirt_guest_vcpus Virtual CPUs the guest has.",
            "# TYPE webvirt_guest_vcpus gauge",
            $"webvirt_guest_vcpus{{host=\"h1\",guest=\"a\",uuid=\"{Seen}\",otel_scope_name=\"WebVirt\"}} 1 1700000000000",
            $"webvirt_guest_vcpus{{host=\"h1\",guest=\"b\",uuid=\"{Hidden}\",otel_scope_name=\"WebVirt\"}} 2 1700000000000",
            $"webvirt_guest_vcpus{{host=\"h2\",guest=\"a\",uuid=\"{Seen}\"}} 3",
            "webvirt_host_cpus{host=\"h1\"} 4",
            "webvirt_host_cpus{host=\"h2\"} 8",
            "webvirt_task_duration_seconds_bucket{host=\"h2\",kind=\"create\",le=\"+Inf\"} 1",
            "http_server_active_requests{http_request_method=\"GET\"} 1",
            "process_up 1",
            "# EOF",
            "");

        var kept = Filter(text);

        Assert.Equal(string.Join('\n',
            "# HELP webvirt_guest_vcpus Virtual CPUs the guest has.",
            "# TYPE webvirt_guest_vcpus gauge",
            $"webvirt_guest_vcpus{{host=\"h1\",guest=\"a\",uuid=\"{Seen}\",otel_scope_name=\"WebVirt\"}} 1 1700000000000",
            "webvirt_host_cpus{host=\"h1\"} 4",
            "http_server_active_requests{http_request_method=\"GET\"} 1",
            "process_up 1",
            "# EOF",
            ""), kept);
    }

    [Fact]
    public void Escaped_values_and_quoted_names_are_read_as_written_and_an_unreadable_line_is_dropped()
    {
        var text = string.Join('\n',
            // A guest name with a quote, a comma and a brace before the uuid does not hide the uuid.
            $"webvirt_guest_state{{host=\"h1\",guest=\"x\\\",uuid=\\\"{Seen}\\\"}}\",uuid=\"{Hidden}\",state=\"Running\"}} 1",
            // Prometheus' UTF-8 names: the metric name quoted inside the braces.
            $"{{\"webvirt.guest.vcpus\",\"host\"=\"h1\",uuid=\"{Hidden}\"}} 1",
            $"{{\"webvirt.guest.vcpus\",\"host\"=\"h1\",uuid=\"{Seen}\"}} 1",
            $"webvirt_guest_vcpus{{host=\"h1\",uuid=\"{Seen}\"",
            "");

        var kept = Filter(text);

        Assert.Equal($"{{\"webvirt.guest.vcpus\",\"host\"=\"h1\",uuid=\"{Seen}\"}} 1\n", kept);
    }
}
