namespace WebVirt.Web.Metrics;

/// <summary>WebVirt:Metrics: who may read /metrics without a token.</summary>
public sealed class MetricsOptions
{
    public const string Section = "WebVirt:Metrics";

    /// <summary>
    /// Client addresses (IPs, or networks as CIDR such as 10.0.0.0/24) that may read /metrics
    /// without a token; empty by default, so only a token with the metrics right may.
    /// </summary>
    public List<string> AllowedAddresses { get; set; } = [];
}
