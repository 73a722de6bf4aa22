using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using WebVirt.Testing;

namespace WebVirt.Web.Tests.Tls;

/// <summary>
/// The real web process on real Kestrel, listening as an installation does (every interface, the
/// configured port, HTTPS), with its own certificate folder; the tests talk to 127.0.0.1 and ::1 only.
/// </summary>
public sealed class TlsWebProcess : IAsyncDisposable
{
    public const string AdminPassword = "tls-admin-pass-1";

    private TlsWebProcess(AppProcess process, int port, string certificateDirectory)
    {
        Process = process;
        Port = port;
        CertificateDirectory = certificateDirectory;
    }

    public AppProcess Process { get; }

    public int Port { get; }

    public string CertificateDirectory { get; }

    public string BaseUrl => $"https://127.0.0.1:{Port}";

    /// <summary>Starts the web with the given certificate folder and extra settings, not waiting for it.</summary>
    public static TlsWebProcess Start(TestDatabase database, string certificateDirectory, IReadOnlyDictionary<string, string>? settings = null)
    {
        var port = FreePort.Next();
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__WebVirt"] = database.ConnectionString,
            ["WEBVIRT_ADMIN_PASSWORD"] = AdminPassword,
            ["WebVirt__LogDirectory"] = Path.Combine(TestArtifacts.Directory, "logs"),
            ["WebVirt__Agents__0__HostId"] = "tls-host",
            ["WebVirt__Agents__0__Name"] = "tls-host",
            // Port 9 (discard) on loopback: nothing listens, so the agent link fails at once.
            ["WebVirt__Agents__0__Url"] = "http://127.0.0.1:9",
            ["WebVirt__Agents__0__Token"] = "tls-token",
            ["WebVirt__Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["WebVirt__Tls__CertificateDirectory"] = certificateDirectory,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        return new TlsWebProcess(AppProcess.Start("WebVirt.Web", environment), port, certificateDirectory);
    }

    /// <summary>Starts the web and waits until it answers the login page over TLS.</summary>
    public static async Task<TlsWebProcess> StartReadyAsync(TestDatabase database, string certificateDirectory, IReadOnlyDictionary<string, string>? settings = null)
    {
        var web = Start(database, certificateDirectory, settings);
        try
        {
            await web.WaitUntilAnsweringAsync();
            return web;
        }
        catch
        {
            await web.DisposeAsync();
            throw;
        }
    }

    public async Task WaitUntilAnsweringAsync(string? url = null)
    {
        url ??= BaseUrl + "/login";
        using var http = CreateClient(acceptAnyCertificate: true);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        var last = "";
        while (DateTime.UtcNow < deadline)
        {
            if (Process.HasExited)
            {
                throw new InvalidOperationException($"The web exited before {url} answered. Its log:\n{Process.ReadLog()}");
            }

            try
            {
                using var response = await http.GetAsync(url);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }

                last = response.StatusCode.ToString();
            }
            catch (HttpRequestException ex)
            {
                last = ex.Message;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"{url} did not answer (last: {last}). Log:\n{Process.ReadLog()}");
    }

    /// <summary>Waits for the process to end by itself and returns its exit code.</summary>
    public Task<int> WaitForExitAsync() => Process.WaitForExitAsync(TimeSpan.FromSeconds(90));

    /// <summary>
    /// A client for 127.0.0.1 that checks the served certificate names the address it connects to:
    /// only an untrusted root (it is self-signed) is forgiven, unless <paramref name="acceptAnyCertificate"/>.
    /// </summary>
    public static HttpClient CreateClient(bool acceptAnyCertificate = false, CookieContainer? cookies = null)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = cookies is not null,
            CookieContainer = cookies ?? new CookieContainer(),
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, _, _, errors) =>
                    acceptAnyCertificate || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) == SslPolicyErrors.None,
            },
        };
        return new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(15) };
    }

    /// <summary>
    /// The certificate served to a TLS client connecting to <paramref name="address"/> with
    /// <paramref name="targetHost"/> as the server name, and what the client finds wrong with it.
    /// </summary>
    public async Task<(X509Certificate2 Certificate, SslPolicyErrors Errors)> HandshakeAsync(string targetHost, IPAddress? address = null)
    {
        using var tcp = new TcpClient(address?.AddressFamily ?? AddressFamily.InterNetwork);
        await tcp.ConnectAsync(address ?? IPAddress.Loopback, Port);
        await using var tls = new SslStream(tcp.GetStream());
        X509Certificate2? served = null;
        var errors = SslPolicyErrors.None;
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = targetHost,
            RemoteCertificateValidationCallback = (_, certificate, _, policyErrors) =>
            {
                served = new X509Certificate2(certificate!);
                errors = policyErrors;
                return true;
            },
        });
        return (served!, errors);
    }

    /// <summary>Waits until the served certificate has <paramref name="thumbprint"/> (a change is picked up without restart).</summary>
    public async Task<X509Certificate2> WaitForServedAsync(string thumbprint)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var (served, _) = await HandshakeAsync("localhost");
            if (served.Thumbprint == thumbprint || DateTime.UtcNow > deadline)
            {
                return served;
            }

            await Task.Delay(250);
        }
    }

    public ValueTask DisposeAsync() => Process.DisposeAsync();
}
