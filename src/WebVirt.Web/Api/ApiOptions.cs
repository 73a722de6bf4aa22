namespace WebVirt.Web.Api;

/// <summary>WebVirt:Api: the REST API's rate limits (fixed windows, per token and per client address).</summary>
public sealed class ApiOptions
{
    public const string Section = "WebVirt:Api";

    /// <summary>Calls one token may make per window.</summary>
    public int PermitsPerToken { get; set; } = 120;

    /// <summary>Calls one client address may make per window, with any tokens or none (guessing tokens counts too).</summary>
    public int PermitsPerAddress { get; set; } = 300;

    public int WindowSeconds { get; set; } = 60;
}
