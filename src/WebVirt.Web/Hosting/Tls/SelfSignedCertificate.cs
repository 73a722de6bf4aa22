using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace WebVirt.Web.Hosting.Tls;

/// <summary>
/// The certificate the console makes for itself when the administrator has not provided one,
/// and when it must be made again (as Cockpit's ws-certs.d: near its end, or for a new name).
/// </summary>
public static class SelfSignedCertificate
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(365);

    /// <summary>Less than this left and it is made again, at start or at the periodic check.</summary>
    public static readonly TimeSpan RenewBefore = TimeSpan.FromDays(30);

    private const string ServerAuthentication = "1.3.6.1.5.5.7.3.1";
    private const string SubjectAlternativeName = "2.5.29.17";

    /// <summary>A new ECDSA P-256 certificate for the host's names and addresses.</summary>
    public static X509Certificate2 Create(HostIdentity identity, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var commonName = identity.DnsNames.FirstOrDefault(n => n != "localhost") ?? "localhost";
        var request = new CertificateRequest(
            new X500DistinguishedName($"CN={commonName}, O=WebVirt self-signed"), key, HashAlgorithmName.SHA256);

        var names = new SubjectAlternativeNameBuilder();
        foreach (var dnsName in identity.DnsNames)
        {
            names.AddDnsName(dnsName);
        }

        foreach (var address in identity.Addresses)
        {
            names.AddIpAddress(address);
        }

        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(ServerAuthentication)], false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));

        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        using var signed = request.Create(request.SubjectName, X509SignatureGenerator.CreateForECDsa(key), notBefore, notAfter, serial);
        return signed.CopyWithPrivateKey(key);
    }

    /// <summary>Why <paramref name="certificate"/> must be made again, or null while it still serves.</summary>
    public static string? ReasonToRenew(X509Certificate2 certificate, HostIdentity identity, DateTimeOffset now)
    {
        if (certificate.NotAfter.ToUniversalTime() - now.UtcDateTime < RenewBefore)
        {
            return $"it expires on {certificate.NotAfter.ToUniversalTime():yyyy-MM-dd}";
        }

        var (dnsNames, addresses) = SubjectAlternativeNames(certificate);
        return identity.CoveredBy(dnsNames, addresses) ? null : "the host has a name or address it does not cover";
    }

    public static (IReadOnlyList<string> DnsNames, IReadOnlyList<IPAddress> Addresses) SubjectAlternativeNames(X509Certificate2 certificate)
    {
        var raw = certificate.Extensions.Cast<X509Extension>().FirstOrDefault(e => e.Oid?.Value == SubjectAlternativeName);
        if (raw is null)
        {
            return ([], []);
        }

        var extension = new X509SubjectAlternativeNameExtension(raw.RawData, raw.Critical);
        return ([.. extension.EnumerateDnsNames()], [.. extension.EnumerateIPAddresses()]);
    }
}
