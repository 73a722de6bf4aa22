using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace WebVirt.Web.Security;

/// <summary>
/// The certificate that encrypts the data protection keys at rest: loaded from
/// <c>dataprotection.pfx</c> in its folder, or made there on the first start. The folder and the
/// file must not be open to other users; a folder or file that is is refused rather than used.
/// </summary>
public static class KeyProtectionCertificate
{
    public const string FileName = "dataprotection.pfx";

    private const UnixFileMode OpenToOthers = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    public static X509Certificate2 LoadOrCreate(string directory, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        directory = Path.GetFullPath(directory);
        if (!Directory.Exists(directory))
        {
            Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        RefuseIfOpen(directory, File.GetUnixFileMode(directory), "folder");
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            Create(path, time);
        }

        RefuseIfOpen(path, File.GetUnixFileMode(path), "file");
        return X509CertificateLoader.LoadPkcs12FromFile(path, password: null);
    }

    private static void RefuseIfOpen(string path, UnixFileMode mode, string what)
    {
        if ((mode & OpenToOthers) != 0)
        {
            throw new InvalidOperationException(
                $"The data protection key {what} {path} may be read by other users (mode {Convert.ToString((int)mode, 8)}): make it readable by WebVirt's user only (chmod {(what == "file" ? "600" : "700")}).");
        }
    }

    private static void Create(string path, TimeProvider time)
    {
        using var rsa = RSA.Create(3072);
        var request = new CertificateRequest("CN=WebVirt data protection", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.DataEncipherment, critical: true));
        var now = time.GetUtcNow();
        // Only ever used to encrypt keys for this installation; it must outlive every key it wraps.
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(100));
        var temporary = $"{path}.{Environment.ProcessId}.tmp";
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        };
        using (var file = new FileStream(temporary, options))
        {
            file.Write(certificate.Export(X509ContentType.Pkcs12));
        }

        try
        {
            // Two replicas starting at once: the first file wins and both use it.
            File.Move(temporary, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temporary);
        }
    }
}
