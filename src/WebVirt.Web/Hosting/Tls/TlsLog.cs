namespace WebVirt.Web.Hosting.Tls;

/// <summary>What the console says about its certificate and how it listens.</summary>
internal static partial class TlsLog
{
    [LoggerMessage(EventId = 7001, Level = LogLevel.Information,
        Message = "Serving HTTPS with the certificate {Path}, SHA-256 fingerprint {Fingerprint}, valid until {NotAfter:yyyy-MM-dd}. Compare this fingerprint with the one the browser shows before accepting a self-signed certificate.")]
    public static partial void Serving(ILogger logger, string path, string fingerprint, DateTime notAfter);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Information,
        Message = "Made a new self-signed certificate {Path} because {Reason}; it names {Names}")]
    public static partial void SelfSignedMade(ILogger logger, string path, string reason, string names);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Error,
        Message = "The certificate {Path} is REFUSED and the self-signed certificate is served instead: {Reason}")]
    public static partial void DropInRefused(ILogger logger, string path, string reason);

    [LoggerMessage(EventId = 7004, Level = LogLevel.Warning,
        Message = "The certificate {Path} expired on {NotAfter:yyyy-MM-dd}; browsers will refuse it until it is replaced")]
    public static partial void DropInExpired(ILogger logger, string path, DateTime notAfter);

    [LoggerMessage(EventId = 7005, Level = LogLevel.Critical,
        Message = "Cannot serve HTTPS: {Reason}. The certificate folder is set by WebVirt:Tls:CertificateDirectory and must be writable by the console's user (the installer makes it mode 700).")]
    public static partial void FolderUnusable(ILogger logger, string reason);

    [LoggerMessage(EventId = 7006, Level = LogLevel.Error,
        Message = "Could not check the certificate folder again; the current certificate stays in use: {Reason}")]
    public static partial void RefreshFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 7007, Level = LogLevel.Warning,
        Message = "WebVirt:PlainHttp is set: serving PLAIN HTTP without TLS. Passwords and sessions cross the network unencrypted unless a reverse proxy in front terminates TLS.")]
    public static partial void PlainHttp(ILogger logger);

    [LoggerMessage(EventId = 7008, Level = LogLevel.Critical,
        Message = "The listening address {Url} is plain HTTP but WebVirt:PlainHttp is not set; use an https:// address, or set WebVirt:PlainHttp=true to serve plain HTTP on purpose.")]
    public static partial void PlainUrlRefused(ILogger logger, string url);

    [LoggerMessage(EventId = 7009, Level = LogLevel.Warning,
        Message = "WebVirt:TrustedProxies entry {Entry} is not an IP address and is ignored")]
    public static partial void BadTrustedProxy(ILogger logger, string entry);
}
