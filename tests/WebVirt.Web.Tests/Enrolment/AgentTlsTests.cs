using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;
using WebVirt.Contracts;
using WebVirt.Web.Agents;
using WebVirt.Web.Configuration;

namespace WebVirt.Web.Tests.Enrolment;

public sealed class AgentTlsTests
{
    private static X509Certificate2 NewCertificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=agent", key, HashAlgorithmName.SHA256);
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddDays(1));
    }

    [Fact]
    public void A_pinned_agent_is_accepted_with_exactly_its_certificate_whatever_the_chain_says()
    {
        using var pinned = NewCertificate();
        using var other = NewCertificate();
        var agent = new AgentOptions { HostId = "b", CertificateSha256 = EnrolmentHandshake.Fingerprint(pinned.RawData).ToUpperInvariant() };

        Assert.True(AgentTls.Accepts(agent, pinned, SslPolicyErrors.RemoteCertificateChainErrors | SslPolicyErrors.RemoteCertificateNameMismatch));
        Assert.False(AgentTls.Accepts(agent, other, SslPolicyErrors.None));
        Assert.False(AgentTls.Accepts(agent, null, SslPolicyErrors.None));
    }

    [Fact]
    public void An_agent_without_a_pin_needs_a_certificate_the_system_trusts()
    {
        using var certificate = NewCertificate();
        var agent = new AgentOptions { HostId = "a" };

        Assert.True(AgentTls.Accepts(agent, certificate, SslPolicyErrors.None));
        Assert.False(AgentTls.Accepts(agent, certificate, SslPolicyErrors.RemoteCertificateChainErrors));
    }

    [Fact]
    public void The_directory_finds_agents_by_id_and_by_url_and_tells_enrolled_from_configured()
    {
        var directory = new AgentDirectory(Options.Create(new WebVirtOptions
        {
            Agents = [new AgentOptions { HostId = "a", Url = "http://127.0.0.1:9091", Token = "t" }],
        }));
        var added = new List<string>();
        var removed = new List<string>();
        directory.Added += agent => added.Add(agent.HostId);
        directory.Removed += removed.Add;

        directory.Load([new AgentOptions { HostId = "b", Url = "https://10.0.0.2:9091" }, new AgentOptions { HostId = "a", Url = "https://elsewhere:1" }]);

        Assert.Equal(["b"], added);
        Assert.Equal("http://127.0.0.1:9091", directory.Find("a")?.Url);
        Assert.True(directory.IsConfigured("a"));
        Assert.True(directory.IsEnrolled("b"));
        Assert.Equal("b", directory.FindByUri(new Uri("wss://10.0.0.2:9091/relay/x"))?.HostId);
        Assert.Null(directory.FindByUri(new Uri("https://10.0.0.2:9092/")));
        Assert.False(directory.Remove("a"));
        Assert.True(directory.Remove("b"));
        Assert.Equal(["b"], removed);
        Assert.Null(directory.Find("b"));
    }
}
