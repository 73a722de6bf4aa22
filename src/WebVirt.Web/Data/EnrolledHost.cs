namespace WebVirt.Web.Data;

/// <summary>A host added from the Hosts page with an enrolment code: where its agent is, the token it accepts and its pinned certificate.</summary>
public sealed class EnrolledHost
{
    public const int HostIdMaxLength = 128;
    public const int UrlMaxLength = 512;

    public string HostId { get; set; } = "";

    public string Name { get; set; } = "";

    public string Url { get; set; } = "";

    /// <summary>The agent's bearer token, encrypted with the console's data protection keys.</summary>
    public string ProtectedToken { get; set; } = "";

    /// <summary>SHA-256 (hex) of the certificate the agent presented at enrolment.</summary>
    public string CertificateSha256 { get; set; } = "";

    public DateTimeOffset AddedAt { get; set; }

    public string AddedBy { get; set; } = "";
}
