using System.Net;
using WebVirt.Web.Hosting.Tls;

namespace WebVirt.Web.Tests.Tls;

/// <summary>
/// What the console serves for each state of its certificate folder, over real Kestrel: each
/// test prepares a folder as an administrator (or time) would, then starts the web on it.
/// </summary>
public sealed class CertificateFolderTests(TlsDatabaseFixture fixture) : IClassFixture<TlsDatabaseFixture>
{
    [Fact]
    public async Task A_self_signed_certificate_near_its_end_is_made_again_at_start()
    {
        var folder = TestCertificates.NewFolderPath("renew");
        var identity = await HostIdentity.DiscoverAsync(CancellationToken.None);
        var now = DateTimeOffset.UtcNow;
        var old = TestCertificates.WriteSelfSigned(folder, identity, now.AddDays(-350), now.AddDays(15));

        await using var web = await TlsWebProcess.StartReadyAsync(fixture.Database, folder);

        var renewed = TestCertificates.ReadFile(Path.Combine(folder, "0-self-signed.crt"));
        Assert.NotEqual(old.Thumbprint, renewed.Thumbprint);
        Assert.True(renewed.NotAfter.ToUniversalTime() > DateTime.UtcNow.AddDays(360));
        Assert.Equal(renewed.Thumbprint, (await web.HandshakeAsync("localhost")).Certificate.Thumbprint);
        Assert.Contains($"because it expires on {old.NotAfter.ToUniversalTime():yyyy-MM-dd}", web.Process.ReadLog(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_self_signed_certificate_lacking_the_host_name_is_made_again_and_a_current_one_is_kept()
    {
        var folder = TestCertificates.NewFolderPath("names");
        var identity = await HostIdentity.DiscoverAsync(CancellationToken.None);
        var now = DateTimeOffset.UtcNow;
        // Made before the host got its current name: only localhost and old-name.invalid.
        var renamed = identity with { DnsNames = ["localhost", "old-name.invalid"] };
        var stale = TestCertificates.WriteSelfSigned(folder, renamed, now.AddDays(-1), now.AddDays(300));

        string current;
        await using (var web = await TlsWebProcess.StartReadyAsync(fixture.Database, folder))
        {
            current = (await web.HandshakeAsync("localhost")).Certificate.Thumbprint;
            Assert.NotEqual(stale.Thumbprint, current);
            Assert.Contains("because the host has a name or address it does not cover", web.Process.ReadLog(), StringComparison.Ordinal);
        }

        // The next start finds a certificate that still fits and serves it unchanged.
        await using var again = await TlsWebProcess.StartReadyAsync(fixture.Database, folder);
        Assert.Equal(current, (await again.HandshakeAsync("localhost")).Certificate.Thumbprint);
        Assert.DoesNotContain("Made a new self-signed certificate", again.Process.ReadLog(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_administrators_certificate_is_served_instead_and_a_newer_drop_in_is_picked_up_without_restart()
    {
        var folder = TestCertificates.NewFolderPath("dropin");
        var first = TestCertificates.WriteDropIn(folder, "company");

        await using var web = await TlsWebProcess.StartReadyAsync(fixture.Database, folder);
        Assert.Equal(first.Thumbprint, (await web.HandshakeAsync("localhost")).Certificate.Thumbprint);
        Assert.False(File.Exists(Path.Combine(folder, "0-self-signed.crt")));

        // Alphabetically after "company": this one wins, while the web runs.
        var second = TestCertificates.WriteDropIn(folder, "company-2027");
        Assert.Equal(second.Thumbprint, (await web.WaitForServedAsync(second.Thumbprint)).Thumbprint);
        string line = $"SHA-256 fingerprint {ServerCertificateStore.Fingerprint(second)}";
        Assert.Contains(line, await web.Process.WaitForLogAsync(line, TimeSpan.FromSeconds(10)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_readable_by_others_is_refused_with_a_log_line_and_the_self_signed_one_is_served()
    {
        var folder = TestCertificates.NewFolderPath("worldkey");
        var exposed = TestCertificates.WriteDropIn(folder, "company",
            TestCertificates.OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        await using var web = await TlsWebProcess.StartReadyAsync(fixture.Database, folder);

        var served = (await web.HandshakeAsync("localhost")).Certificate;
        Assert.NotEqual(exposed.Thumbprint, served.Thumbprint);
        Assert.Equal(TestCertificates.ReadFile(Path.Combine(folder, "0-self-signed.crt")).Thumbprint, served.Thumbprint);
        var log = web.Process.ReadLog();
        Assert.Contains($"The certificate {Path.Combine(folder, "company.crt")} is REFUSED", log, StringComparison.Ordinal);
        Assert.Contains("readable or writable by group or others (mode 644); make it mode 600", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_certificate_that_is_not_pem_or_lacks_its_key_is_refused_with_a_log_line()
    {
        var folder = TestCertificates.NewFolderPath("garbage");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "broken.crt"), "not a certificate");
        File.WriteAllText(Path.Combine(folder, "broken.key"), "not a key");
        File.SetUnixFileMode(Path.Combine(folder, "broken.key"), TestCertificates.OwnerOnly);
        File.WriteAllText(Path.Combine(folder, "lonely.crt"), TestCertificates.WriteDropIn(Path.Combine(folder, "elsewhere"), "x").ExportCertificatePem());

        await using var web = await TlsWebProcess.StartReadyAsync(fixture.Database, folder);

        // "lonely" sorts last and has no key: refused, and the self-signed certificate serves.
        Assert.Equal(TestCertificates.ReadFile(Path.Combine(folder, "0-self-signed.crt")).Thumbprint, (await web.HandshakeAsync("localhost")).Certificate.Thumbprint);
        Assert.Contains($"The certificate {Path.Combine(folder, "lonely.crt")} is REFUSED and the self-signed certificate is served instead: its key file {Path.Combine(folder, "lonely.key")} is missing", web.Process.ReadLog(), StringComparison.Ordinal);

        File.Delete(Path.Combine(folder, "lonely.crt"));
        string broken = $"The certificate {Path.Combine(folder, "broken.crt")} is REFUSED and the self-signed certificate is served instead: it cannot be read as a PEM certificate";
        Assert.Contains(broken, await web.Process.WaitForLogAsync(broken, TimeSpan.FromSeconds(20)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_certificate_folder_that_cannot_be_created_stops_the_start_with_a_clear_log_line()
    {
        var parent = TestCertificates.NewFolderPath("blocked");
        Directory.CreateDirectory(Path.GetDirectoryName(parent)!);
        File.WriteAllText(parent, "a file where a folder should be");

        await using var web = TlsWebProcess.Start(fixture.Database, Path.Combine(parent, "certs"));

        Assert.NotEqual(0, await web.WaitForExitAsync());
        Assert.Contains($"Cannot serve HTTPS: cannot create {Path.Combine(parent, "certs")}", web.Process.ReadLog(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plain_http_is_served_only_when_configured_the_log_warns_and_only_a_trusted_proxy_can_claim_https()
    {
        var port = Testing.FreePort.Next();
        var plainUrl = $"http://127.0.0.1:{port}";
        await using (var refused = TlsWebProcess.Start(fixture.Database, TestCertificates.NewFolderPath("plainrefused"),
            new Dictionary<string, string> { ["ASPNETCORE_URLS"] = plainUrl }))
        {
            Assert.NotEqual(0, await refused.WaitForExitAsync());
            Assert.Contains($"The listening address {plainUrl} is plain HTTP but WebVirt:PlainHttp is not set", refused.Process.ReadLog(), StringComparison.Ordinal);
        }

        // Behind a reverse proxy: only the trusted proxy (here ::1) may say the browser used HTTPS.
        var proxiedUrl = $"http://[::1]:{port}";
        await using var web = TlsWebProcess.Start(fixture.Database, TestCertificates.NewFolderPath("plain"), new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = $"{plainUrl};{proxiedUrl}",
            ["WebVirt__PlainHttp"] = "true",
            ["WebVirt__TrustedProxies__0"] = "::1",
        });
        await web.WaitUntilAnsweringAsync(plainUrl + "/login");
        Assert.Contains("WebVirt:PlainHttp is set: serving PLAIN HTTP without TLS", web.Process.ReadLog(), StringComparison.Ordinal);

        using var http = TlsWebProcess.CreateClient();
        using var page = await GetClaimingHttpsAsync(http, plainUrl + "/login");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        SecurityHeaderAssertions.AssertPresent(page, expectHsts: false);
        var antiforgery = Attributes(Assert.Single(page.Headers.GetValues("Set-Cookie")));
        Assert.DoesNotContain("secure", antiforgery);
        Assert.Contains("httponly", antiforgery);

        using var proxied = await GetClaimingHttpsAsync(http, proxiedUrl + "/login");
        Assert.Equal(HttpStatusCode.OK, proxied.StatusCode);
        SecurityHeaderAssertions.AssertPresent(proxied, expectHsts: true);
        Assert.Contains("secure", Attributes(Assert.Single(proxied.Headers.GetValues("Set-Cookie"))));
    }

    private static async Task<HttpResponseMessage> GetClaimingHttpsAsync(HttpClient http, string url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");
        return await http.SendAsync(request);
    }

    private static string[] Attributes(string setCookie) => setCookie.ToLowerInvariant().Split(';', StringSplitOptions.TrimEntries);
}
