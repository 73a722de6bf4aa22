using WebVirt.Contracts;

namespace WebVirt.Web.Agents.Enrolment;

/// <summary>A host added (its id and the certificate fingerprint now pinned), or why not.</summary>
public sealed record HostEnrolmentResult(string? HostId, string? CertificateSha256, Failure? Failure)
{
    public bool Ok => Failure is null;

    public static HostEnrolmentResult Added(string hostId, string certificateSha256) => new(hostId, certificateSha256, null);

    public static HostEnrolmentResult Refused(string code, params string[] args) => new(null, null, Failure.Of(code, args));

    public static HostEnrolmentResult Refused(Failure failure) => new(null, null, failure);
}
