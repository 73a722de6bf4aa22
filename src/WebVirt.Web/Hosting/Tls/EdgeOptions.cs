namespace WebVirt.Web.Hosting.Tls;

/// <summary>
/// How the console faces the network, bound from the "WebVirt" section: the port, TLS or plain
/// HTTP, the proxies whose forwarded headers count and the extra host names it answers to.
/// </summary>
public sealed class EdgeOptions
{
    public const int DefaultPort = 9090;

    /// <summary>Port on every interface (IPv4 and IPv6) when no --urls / ASPNETCORE_URLS is given.</summary>
    public int Port { get; set; } = DefaultPort;

    /// <summary>
    /// Serve plain HTTP instead of HTTPS: only for a TLS-terminating reverse proxy in front, so it
    /// must be set explicitly, and the log warns about it at every start.
    /// </summary>
    public bool PlainHttp { get; set; }

    /// <summary>Addresses of reverse proxies whose X-Forwarded-For and X-Forwarded-Proto are believed.</summary>
    public List<string> TrustedProxies { get; set; } = [];

    /// <summary>Host names (or "*.example.org" patterns) allowed besides the certificate's own names.</summary>
    public List<string> AllowedHosts { get; set; } = [];

    public TlsOptions Tls { get; set; } = new();
}

/// <summary>The "WebVirt:Tls" section.</summary>
public sealed class TlsOptions
{
    public const string DefaultCertificateDirectory = "/etc/webvirt/certs";

    /// <summary>
    /// Folder of the self-signed certificate and of an administrator's own (see <see cref="CertificateFolder"/>).
    /// The installer makes it owned by the web's user, mode 700.
    /// </summary>
    public string CertificateDirectory { get; set; } = DefaultCertificateDirectory;
}
