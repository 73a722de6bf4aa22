using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace WebVirt.Web.Hosting.Tls;

/// <summary>
/// The certificate Kestrel serves, chosen from the certificate folder: the administrator's own
/// when it is usable, otherwise the console's self-signed one, made or made again as needed.
/// Kestrel asks for it on every TLS handshake, so a new one is served without a restart.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "One instance for the life of the process; the semaphore never makes a wait handle, and a token source must outlive its listeners.")]
public sealed class ServerCertificateStore(IOptions<EdgeOptions> options, TimeProvider clock, ILogger<ServerCertificateStore> logger)
{
    private readonly CertificateFolder _folder = new(options.Value.Tls.CertificateDirectory);
    private readonly SemaphoreSlim _reloading = new(1, 1);
    private volatile Served? _served;
    private CancellationTokenSource _identityChanged = new();

    /// <summary>The certificate for new connections; null only before the first <see cref="RefreshAsync"/>.</summary>
    public X509Certificate2? Certificate => _served?.Loaded.Certificate;

    /// <summary>The certificate with its intermediates, as SslStream sends it.</summary>
    public SslStreamCertificateContext? Context => _served?.Context;

    /// <summary>The host names and addresses at the last refresh (what Host headers may say).</summary>
    public HostIdentity? Identity { get; private set; }

    public CertificateFolder Folder => _folder;

    /// <summary>Fires after a refresh found other host names or addresses.</summary>
    public IChangeToken IdentityChangeToken => new CancellationChangeToken(_identityChanged.Token);

    /// <summary>
    /// Looks at the folder and the host again and serves what it finds. Throws
    /// <see cref="CertificateFolderException"/> when a self-signed certificate is needed and
    /// cannot be written.
    /// </summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await _reloading.WaitAsync(cancellationToken);
        try
        {
            var identity = await UpdateIdentityAsync(cancellationToken);
            Serve(LoadDropIn() ?? LoadOrMakeSelfSigned(identity));
        }
        finally
        {
            _reloading.Release();
        }
    }

    /// <summary>Only the host's names and addresses, for plain HTTP (no certificate).</summary>
    public async Task RefreshIdentityAsync(CancellationToken cancellationToken)
    {
        await _reloading.WaitAsync(cancellationToken);
        try
        {
            await UpdateIdentityAsync(cancellationToken);
        }
        finally
        {
            _reloading.Release();
        }
    }

    private async Task<HostIdentity> UpdateIdentityAsync(CancellationToken cancellationToken)
    {
        var identity = await HostIdentity.DiscoverAsync(cancellationToken);
        var changed = Identity is not null && !Identity.SameAs(identity.DnsNames, identity.Addresses);
        Identity = identity;
        if (changed)
        {
            // Not disposed: a listener may still be registering on the old token.
            await Interlocked.Exchange(ref _identityChanged, new CancellationTokenSource()).CancelAsync();
        }

        return identity;
    }

    private LoadedCertificate? LoadDropIn()
    {
        var path = _folder.FindDropIn();
        if (path is null)
        {
            return null;
        }

        try
        {
            var loaded = CertificateFolder.Load(path);
            if (loaded.Certificate.NotAfter.ToUniversalTime() < clock.GetUtcNow().UtcDateTime)
            {
                TlsLog.DropInExpired(logger, path, loaded.Certificate.NotAfter.ToUniversalTime());
            }

            return loaded;
        }
        catch (CertificateRefusedException ex)
        {
            TlsLog.DropInRefused(logger, path, ex.Message);
            return null;
        }
    }

    private LoadedCertificate LoadOrMakeSelfSigned(HostIdentity identity)
    {
        string reason;
        if (File.Exists(_folder.SelfSignedCertificatePath))
        {
            try
            {
                var existing = CertificateFolder.Load(_folder.SelfSignedCertificatePath);
                var renew = SelfSignedCertificate.ReasonToRenew(existing.Certificate, identity, clock.GetUtcNow());
                if (renew is null)
                {
                    return existing;
                }

                reason = renew;
            }
            catch (CertificateRefusedException ex)
            {
                reason = ex.Message;
            }
        }
        else
        {
            reason = "there is none yet";
        }

        _folder.EnsureExists();
        var now = clock.GetUtcNow();
        using (var made = SelfSignedCertificate.Create(identity, now.AddMinutes(-5), now + SelfSignedCertificate.Lifetime))
        {
            _folder.WriteSelfSigned(made);
        }

        var written = CertificateFolder.Load(_folder.SelfSignedCertificatePath);
        TlsLog.SelfSignedMade(logger, _folder.SelfSignedCertificatePath, reason,
            string.Join(", ", identity.DnsNames.Concat(identity.Addresses.Select(a => a.ToString()))));
        return written;
    }

    private void Serve(LoadedCertificate loaded)
    {
        if (_served?.Loaded.Certificate.Thumbprint == loaded.Certificate.Thumbprint && _served.Loaded.Path == loaded.Path)
        {
            return;
        }

        var context = SslStreamCertificateContext.Create(loaded.Certificate, loaded.Intermediates, offline: true);
        _served = new Served(loaded, context);
        TlsLog.Serving(logger, loaded.Path, Fingerprint(loaded.Certificate), loaded.Certificate.NotAfter.ToUniversalTime());
    }

    /// <summary>The SHA-256 fingerprint as browsers show it: upper-case hex pairs joined by colons.</summary>
    public static string Fingerprint(X509Certificate2 certificate) =>
        string.Join(':', certificate.GetCertHash(HashAlgorithmName.SHA256).Select(b => b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture)));

    private sealed record Served(LoadedCertificate Loaded, SslStreamCertificateContext Context);
}
