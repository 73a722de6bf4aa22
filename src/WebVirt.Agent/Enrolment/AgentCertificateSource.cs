using Microsoft.Extensions.Options;
using WebVirt.Agent.Configuration;

namespace WebVirt.Agent.Enrolment;

/// <summary>The agent's certificate, made or read on first use only, so an agent that serves plain HTTP on loopback never writes one.</summary>
public sealed class AgentCertificateSource(IOptions<AgentOptions> options)
{
    private readonly Lazy<AgentCertificate> _certificate = new(
        () => AgentCertificate.LoadOrCreate(options.Value.StateDirectory, options.Value.ResolvedHostId));

    public AgentCertificate Current => _certificate.Value;
}
