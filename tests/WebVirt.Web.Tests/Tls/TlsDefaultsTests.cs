using System.Net;
using System.Net.NetworkInformation;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using WebVirt.Web.Hosting.Tls;
using WebVirt.Web.Tests.Infrastructure;

namespace WebVirt.Web.Tests.Tls;

/// <summary>A console started with no settings about TLS: what a browser on another machine meets.</summary>
public sealed class TlsDefaultsTests(TlsWebFixture fixture) : IClassFixture<TlsWebFixture>
{
    private TlsWebProcess Web => fixture.Web;

    private string CertificatePath => Path.Combine(Web.CertificateDirectory, "0-self-signed.crt");

    private string KeyPath => Path.Combine(Web.CertificateDirectory, "0-self-signed.key");

    [Fact]
    public void The_first_start_writes_a_self_signed_certificate_for_a_year_with_an_owner_only_key()
    {
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Web.CertificateDirectory));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(KeyPath));

        var certificate = TestCertificates.ReadFile(CertificatePath);
        var lifetime = certificate.NotAfter - certificate.NotBefore;
        Assert.InRange(lifetime, TimeSpan.FromDays(365), TimeSpan.FromDays(366));
        Assert.InRange(certificate.NotBefore.ToUniversalTime(), DateTime.UtcNow.AddHours(-1), DateTime.UtcNow);
        var usage = certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single();
        Assert.Contains(usage.EnhancedKeyUsages.Cast<System.Security.Cryptography.Oid>(), oid => oid.Value == "1.3.6.1.5.5.7.3.1");
        Assert.Contains(certificate.Extensions.OfType<X509BasicConstraintsExtension>(), c => !c.CertificateAuthority);
    }

    [Fact]
    public async Task The_certificate_names_the_host_name_its_fqdn_localhost_and_every_address_of_the_host()
    {
        var (dnsNames, addresses) = SelfSignedCertificate.SubjectAlternativeNames(TestCertificates.ReadFile(CertificatePath));

        var hostName = Dns.GetHostName().ToLowerInvariant();
        Assert.Contains("localhost", dnsNames);
        Assert.Contains(hostName, dnsNames);
        try
        {
            var fqdn = (await Dns.GetHostEntryAsync(hostName)).HostName.ToLowerInvariant();
            Assert.Contains(fqdn, dnsNames);
        }
        catch (SocketException)
        {
            // This host has no DNS entry for its own name: there is no FQDN to name.
        }

        Assert.Contains(IPAddress.Loopback, addresses);
        Assert.Contains(IPAddress.IPv6Loopback, addresses);
        var hostAddresses = NetworkInterface.GetAllNetworkInterfaces()
            .SelectMany(i => i.GetIPProperties().UnicastAddresses)
            .Select(u => u.Address)
            .Where(a => !a.IsIPv6LinkLocal && !a.ToString().StartsWith("169.254.", StringComparison.Ordinal))
            .Select(a => new IPAddress(a.GetAddressBytes()))
            .ToList();
        Assert.NotEmpty(hostAddresses);
        Assert.All(hostAddresses, a => Assert.Contains(a, addresses));
    }

    [Fact]
    public async Task The_served_certificate_is_the_one_in_the_folder_and_matches_each_name_it_is_reached_by()
    {
        var inFolder = TestCertificates.ReadFile(CertificatePath);
        foreach (var name in new[] { "localhost", Dns.GetHostName().ToLowerInvariant(), "127.0.0.1" })
        {
            var (served, errors) = await Web.HandshakeAsync(name);
            Assert.Equal(inFolder.Thumbprint, served.Thumbprint);
            // Only the untrusted (self-signed) root is wrong; the name matches.
            Assert.Equal(SslPolicyErrors.RemoteCertificateChainErrors, errors);
        }

        var (overIpv6, ipv6Errors) = await Web.HandshakeAsync("::1", IPAddress.IPv6Loopback);
        Assert.Equal(inFolder.Thumbprint, overIpv6.Thumbprint);
        Assert.Equal(SslPolicyErrors.RemoteCertificateChainErrors, ipv6Errors);

        var (_, wrongName) = await Web.HandshakeAsync("not-this-host.invalid");
        Assert.True(wrongName.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch));
    }

    [Fact]
    public void The_log_names_the_certificate_and_its_sha256_fingerprint()
    {
        var fingerprint = ServerCertificateStore.Fingerprint(TestCertificates.ReadFile(CertificatePath));
        Assert.Matches("^([0-9A-F]{2}:){31}[0-9A-F]{2}$", fingerprint);
        Assert.Contains($"SHA-256 fingerprint {fingerprint}", Web.Process.ReadLog(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_response_carries_the_security_headers_with_hsts_on_tls()
    {
        using var http = TlsWebProcess.CreateClient();
        foreach (var path in new[] { "/login", "/", "/favicon.svg", "/no-such-page" })
        {
            using var response = await http.GetAsync(Web.BaseUrl + path);
            SecurityHeaderAssertions.AssertPresent(response, expectHsts: true);
        }
    }

    [Fact]
    public async Task A_request_for_another_host_name_gets_400_and_the_certificate_names_are_allowed()
    {
        using var http = TlsWebProcess.CreateClient(acceptAnyCertificate: true);
        using var evil = new HttpRequestMessage(HttpMethod.Get, Web.BaseUrl + "/login");
        evil.Headers.Host = "evil.example";
        using var refused = await http.SendAsync(evil);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        SecurityHeaderAssertions.AssertPresent(refused, expectHsts: true);

        foreach (var host in new[] { "localhost", Dns.GetHostName().ToLowerInvariant(), "127.0.0.1", "[::1]" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, Web.BaseUrl + "/login");
            request.Headers.Host = $"{host}:{Web.Port}";
            using var allowed = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }
    }

    [Fact]
    public async Task Antiforgery_auth_and_culture_cookies_are_secure_httponly_and_samesite()
    {
        var cookies = new CookieContainer();
        using var http = TlsWebProcess.CreateClient(cookies: cookies);
        http.BaseAddress = new Uri(Web.BaseUrl);

        using var page = await http.GetAsync("/login");
        var antiforgery = Assert.Single(SetCookies(page), c => c.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal));
        AssertFlags(antiforgery, "strict");

        using var login = await LoginClient.PostLoginAsync(http, "admin", TlsWebProcess.AdminPassword);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        var auth = Assert.Single(SetCookies(login), c => c.StartsWith("WebVirt.Auth=", StringComparison.Ordinal));
        AssertFlags(auth, "lax");

        using var culture = await http.GetAsync("/culture/set?culture=zh-Hans&redirectUri=/");
        var remembered = Assert.Single(SetCookies(culture), c => c.StartsWith(".AspNetCore.Culture=", StringComparison.Ordinal));
        AssertFlags(remembered, "lax");
    }

    private static IEnumerable<string> SetCookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [];

    private static void AssertFlags(string setCookie, string sameSite)
    {
        var attributes = setCookie.Split(';', StringSplitOptions.TrimEntries).Skip(1).Select(a => a.ToLowerInvariant()).ToList();
        Assert.Contains("secure", attributes);
        Assert.Contains("httponly", attributes);
        Assert.Contains($"samesite={sameSite}", attributes);
    }
}
