using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace WebVirt.Web.Hosting.Tls;

/// <summary>
/// The certificate folder's files. The console writes its own certificate as
/// <c>0-self-signed.crt</c> + <c>0-self-signed.key</c>. An administrator drops in any other
/// <c>NAME.crt</c> (PEM, server certificate first, then intermediates) with its <c>NAME.key</c>
/// (PEM private key, mode 600 or stricter); with several, the alphabetically last NAME wins, as
/// in Cockpit's ws-certs.d.
/// </summary>
public sealed class CertificateFolder(string directory)
{
    public const string SelfSignedName = "0-self-signed";
    public const string CertificateExtension = ".crt";
    public const string KeyExtension = ".key";

    private const UnixFileMode OwnerOnlyDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode GroupOrOthers =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    public string Directory { get; } = Path.GetFullPath(directory);

    public string SelfSignedCertificatePath => Path.Combine(Directory, SelfSignedName + CertificateExtension);

    public string SelfSignedKeyPath => Path.Combine(Directory, SelfSignedName + KeyExtension);

    /// <summary>Creates the folder (mode 700) if missing; throws <see cref="CertificateFolderException"/> when it cannot.</summary>
    public void EnsureExists()
    {
        try
        {
            System.IO.Directory.CreateDirectory(Directory, OwnerOnlyDirectory);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CertificateFolderException($"cannot create {Directory}: {ex.Message}", ex);
        }
    }

    /// <summary>The administrator's certificate file that counts, or null when there is none.</summary>
    public string? FindDropIn()
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            return null;
        }

        return System.IO.Directory.EnumerateFiles(Directory, "*" + CertificateExtension)
            .Where(path => Path.GetFileNameWithoutExtension(path) != SelfSignedName)
            .OrderBy(Path.GetFileNameWithoutExtension, StringComparer.Ordinal)
            .LastOrDefault();
    }

    public static string KeyPathFor(string certificatePath) => Path.ChangeExtension(certificatePath, KeyExtension);

    /// <summary>
    /// Loads a certificate and its key, with the intermediates that follow it in the .crt file.
    /// Throws <see cref="CertificateRefusedException"/> saying why the pair cannot be served.
    /// </summary>
    public static LoadedCertificate Load(string certificatePath)
    {
        var keyPath = KeyPathFor(certificatePath);
        if (!File.Exists(keyPath))
        {
            throw new CertificateRefusedException($"its key file {keyPath} is missing");
        }

        // The same rule as ssh for private keys: a key others can read is no longer private.
        var mode = File.GetUnixFileMode(keyPath);
        if ((mode & GroupOrOthers) != 0)
        {
            throw new CertificateRefusedException(
                $"its key file {keyPath} is readable or writable by group or others (mode {Convert.ToString((int)mode, 8)}); make it mode 600 (chmod 600)");
        }

        try
        {
            var leaf = X509Certificate2.CreateFromPemFile(certificatePath, keyPath);
            var all = new X509Certificate2Collection();
            all.ImportFromPemFile(certificatePath);
            var intermediates = new X509Certificate2Collection();
            foreach (var certificate in all)
            {
                if (certificate.Thumbprint != leaf.Thumbprint)
                {
                    intermediates.Add(certificate);
                }
            }

            return new LoadedCertificate(certificatePath, leaf, intermediates);
        }
        catch (CryptographicException ex)
        {
            throw new CertificateRefusedException($"it cannot be read as a PEM certificate with its private key ({ex.Message})", ex);
        }
    }

    /// <summary>Writes the console's own certificate: the key file mode 600 from its first byte, each file replaced whole.</summary>
    public void WriteSelfSigned(X509Certificate2 certificate)
    {
        using var key = certificate.GetECDsaPrivateKey() ?? throw new InvalidOperationException("The self-signed certificate has no ECDSA key.");
        try
        {
            WriteReplacing(SelfSignedKeyPath, key.ExportPkcs8PrivateKeyPem(), OwnerOnlyFile);
            WriteReplacing(SelfSignedCertificatePath, certificate.ExportCertificatePem(), OwnerOnlyFile | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CertificateFolderException($"cannot write the certificate into {Directory}: {ex.Message}", ex);
        }
    }

    private static void WriteReplacing(string path, string text, UnixFileMode mode)
    {
        var temporary = path + ".new";
        File.Delete(temporary);
        using (var stream = new FileStream(temporary, new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            UnixCreateMode = mode,
        }))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(text);
        }

        File.Move(temporary, path, overwrite: true);
    }
}

/// <summary>A certificate with its key, ready to serve, and the file it came from.</summary>
public sealed record LoadedCertificate(string Path, X509Certificate2 Certificate, X509Certificate2Collection Intermediates);

/// <summary>The certificate folder cannot be created or written.</summary>
public sealed class CertificateFolderException(string message, Exception inner) : Exception(message, inner);

/// <summary>A certificate + key pair that is not served, and why.</summary>
public sealed class CertificateRefusedException : Exception
{
    public CertificateRefusedException(string message) : base(message)
    {
    }

    public CertificateRefusedException(string message, Exception inner) : base(message, inner)
    {
    }
}
