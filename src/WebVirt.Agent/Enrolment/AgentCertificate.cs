using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using WebVirt.Contracts;

namespace WebVirt.Agent.Enrolment;

/// <summary>
/// The agent's own TLS certificate, kept in its state directory. Consoles pin it at enrolment instead of trusting
/// a certificate authority, so it is made once and lives long: a new one would break every console's pin.
/// </summary>
public sealed class AgentCertificate
{
    private const string CertificateFile = "agent.crt";
    private const string KeyFile = "agent.key";
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(365 * 20);

    private AgentCertificate(X509Certificate2 certificate)
    {
        Certificate = certificate;
        Fingerprint = EnrolmentHandshake.Fingerprint(certificate.RawData);
    }

    public X509Certificate2 Certificate { get; }

    /// <summary>SHA-256 of the certificate, lower-case hex, as consoles pin it.</summary>
    public string Fingerprint { get; }

    /// <summary>The fingerprint in pairs, as people compare it on screen.</summary>
    public string FingerprintForDisplay => EnrolmentHandshake.FingerprintForDisplay(Fingerprint);

    /// <summary>Reads the certificate from <paramref name="directory"/>, making it (and the directory) the first time.</summary>
    public static AgentCertificate LoadOrCreate(string directory, string hostName)
    {
        var certificatePath = Path.Combine(directory, CertificateFile);
        var keyPath = Path.Combine(directory, KeyFile);
        if (File.Exists(certificatePath) && File.Exists(keyPath))
        {
            return new AgentCertificate(Loadable(X509Certificate2.CreateFromPemFile(certificatePath, keyPath)));
        }

        AgentStateDirectory.Ensure(directory);
        using var created = Create(hostName);
        using var key = created.GetECDsaPrivateKey() ?? throw new InvalidOperationException("The new certificate has no ECDSA key.");
        AgentStateDirectory.WritePrivate(keyPath, key.ExportPkcs8PrivateKeyPem());
        AgentStateDirectory.WritePrivate(certificatePath, created.ExportCertificatePem());
        return new AgentCertificate(Loadable(X509Certificate2.CreateFromPemFile(certificatePath, keyPath)));
    }

    private static X509Certificate2 Create(string hostName)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(
            new X500DistinguishedName($"CN={hostName}, O=WebVirt agent"), key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(hostName);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var now = DateTimeOffset.UtcNow;
        return request.CreateSelfSigned(now.AddMinutes(-5), now.Add(Lifetime));
    }

    // Kestrel cannot use an ephemeral PEM key for TLS on Linux in every case; a PKCS#12 round trip gives it a usable one.
    private static X509Certificate2 Loadable(X509Certificate2 fromPem)
    {
        using (fromPem)
        {
            return X509CertificateLoader.LoadPkcs12(fromPem.Export(X509ContentType.Pkcs12), null);
        }
    }
}
