namespace WebVirt.Web.Metrics;

/// <summary>WebVirt:Metrics: who may read /metrics without a token, and how often one address may.</summary>
public sealed class MetricsOptions
{
    public const string Section = "WebVirt:Metrics";

    /// <summary>
    /// Client addresses (IPs, or networks as CIDR such as 10.0.0.0/24) that may read /metrics
    /// without a token; empty by default, so only a token with the metrics right may.
    /// </summary>
    public List<string> AllowedAddresses { get; set; } = [];

    /// <summary>
    /// Scrapes one client address may make per window (allowed, refused or with a guessed token
    /// alike); a scrape costs a walk over every series, and Prometheus scrapes every 15 s or so.
    /// </summary>
    public int ScrapesPerAddress { get; set; } = 30;

    public int WindowSeconds { get; set; } = 60;
}
