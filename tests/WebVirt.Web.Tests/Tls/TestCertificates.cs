using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using WebVirt.Testing;
using WebVirt.Web.Hosting.Tls;

namespace WebVirt.Web.Tests.Tls;

/// <summary>Certificate folders and administrator certificates, as a person would prepare them.</summary>
public static class TestCertificates
{
    public const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>A fresh folder path under the artifacts folder that does not exist yet.</summary>
    public static string NewFolderPath(string purpose) =>
        Path.Combine(TestArtifacts.Directory, "certs", $"{purpose}-{Guid.NewGuid().ToString("N")[..8]}");

    /// <summary>An RSA certificate for localhost, as one from a company CA would be, written as NAME.crt + NAME.key.</summary>
    public static X509Certificate2 WriteDropIn(string folder, string name, UnixFileMode keyMode = OwnerOnly)
    {
        Directory.CreateDirectory(folder);
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN=admin drop-in {name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        var now = DateTimeOffset.UtcNow;
        var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(90));
        File.WriteAllText(Path.Combine(folder, name + CertificateFolder.CertificateExtension), certificate.ExportCertificatePem());
        var keyPath = Path.Combine(folder, name + CertificateFolder.KeyExtension);
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
        File.SetUnixFileMode(keyPath, keyMode);
        return certificate;
    }

    /// <summary>Writes a self-signed certificate as the console itself would, with the given names and validity.</summary>
    public static X509Certificate2 WriteSelfSigned(string folder, HostIdentity identity, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        var target = new CertificateFolder(folder);
        target.EnsureExists();
        var certificate = SelfSignedCertificate.Create(identity, notBefore, notAfter);
        target.WriteSelfSigned(certificate);
        return certificate;
    }

    public static X509Certificate2 ReadFile(string path) => X509Certificate2.CreateFromPem(File.ReadAllText(path));
}
