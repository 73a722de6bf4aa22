using System.Net;
using WebVirt.Web.Hosting.Tls;

namespace WebVirt.Web.Tests.Tls;

/// <summary>The certificate folder's rules, without a web process.</summary>
public sealed class CertificateRulesTests
{
    private static readonly HostIdentity Identity = new(["localhost", "vm1", "vm1.example.org"], [IPAddress.Loopback, IPAddress.IPv6Loopback, IPAddress.Parse("192.0.2.10")]);

    [Fact]
    public void The_alphabetically_last_drop_in_wins_and_the_self_signed_one_never_counts_as_a_drop_in()
    {
        var folder = TestCertificates.NewFolderPath("rules");
        var rules = new CertificateFolder(folder);
        Assert.Null(rules.FindDropIn());

        TestCertificates.WriteSelfSigned(folder, Identity, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(100));
        Assert.Null(rules.FindDropIn());

        TestCertificates.WriteDropIn(folder, "company");
        TestCertificates.WriteDropIn(folder, "company-2027");
        TestCertificates.WriteDropIn(folder, "a-first");
        Assert.Equal(Path.Combine(rules.Directory, "company-2027.crt"), rules.FindDropIn());
    }

    [Fact]
    public void A_key_with_any_group_or_other_permission_is_refused_and_one_for_the_owner_only_loads()
    {
        var folder = TestCertificates.NewFolderPath("modes");
        var certificate = TestCertificates.WriteDropIn(folder, "site");
        var crt = Path.Combine(folder, "site.crt");
        var key = Path.Combine(folder, "site.key");

        Assert.Equal(certificate.Thumbprint, CertificateFolder.Load(crt).Certificate.Thumbprint);
        File.SetUnixFileMode(key, UnixFileMode.UserRead);
        Assert.True(CertificateFolder.Load(crt).Certificate.HasPrivateKey);

        foreach (var extra in new[] { UnixFileMode.GroupRead, UnixFileMode.GroupWrite, UnixFileMode.OtherRead, UnixFileMode.OtherExecute })
        {
            File.SetUnixFileMode(key, TestCertificates.OwnerOnly | extra);
            var refused = Assert.Throws<CertificateRefusedException>(() => CertificateFolder.Load(crt));
            Assert.Contains("readable or writable by group or others", refused.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_key_that_belongs_to_another_certificate_is_refused()
    {
        var folder = TestCertificates.NewFolderPath("mismatch");
        TestCertificates.WriteDropIn(folder, "one");
        TestCertificates.WriteDropIn(folder, "two");
        File.Copy(Path.Combine(folder, "two.key"), Path.Combine(folder, "one.key"), overwrite: true);

        Assert.Throws<CertificateRefusedException>(() => CertificateFolder.Load(Path.Combine(folder, "one.crt")));
    }

    [Fact]
    public void The_self_signed_certificate_is_renewed_within_30_days_of_its_end_or_for_a_name_or_address_it_lacks()
    {
        var now = DateTimeOffset.UtcNow;
        using var fresh = SelfSignedCertificate.Create(Identity, now.AddDays(-1), now.AddDays(364));
        Assert.Null(SelfSignedCertificate.ReasonToRenew(fresh, Identity, now));
        Assert.Null(SelfSignedCertificate.ReasonToRenew(fresh, Identity with { DnsNames = [.. Identity.DnsNames.Reverse()] }, now));
        Assert.Null(SelfSignedCertificate.ReasonToRenew(fresh, Identity, now.AddDays(333)));
        Assert.StartsWith("it expires on", SelfSignedCertificate.ReasonToRenew(fresh, Identity, now.AddDays(335)));

        var moved = Identity with { Addresses = [IPAddress.Loopback, IPAddress.IPv6Loopback, IPAddress.Parse("192.0.2.11")] };
        Assert.Equal("the host has a name or address it does not cover", SelfSignedCertificate.ReasonToRenew(fresh, moved, now));
        var renamed = Identity with { DnsNames = ["localhost", "vm2"] };
        Assert.Equal("the host has a name or address it does not cover", SelfSignedCertificate.ReasonToRenew(fresh, renamed, now));

        // An address gone (a virtual network stopped) is no reason to make browsers accept a new certificate.
        var fewer = Identity with { Addresses = [IPAddress.Loopback, IPAddress.IPv6Loopback] };
        Assert.Null(SelfSignedCertificate.ReasonToRenew(fresh, fewer, now));
    }

    [Fact]
    public void Host_header_values_bracket_ipv6_addresses()
    {
        Assert.Equal(["localhost", "vm1", "vm1.example.org", "127.0.0.1", "[::1]", "192.0.2.10"], Identity.HostHeaderValues().ToArray());
    }
}
