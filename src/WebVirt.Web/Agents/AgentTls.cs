using System.Net.Security;
using System.Net.WebSockets;
using System.Security.Cryptography.X509Certificates;
using WebVirt.Contracts;
using WebVirt.Web.Configuration;

namespace WebVirt.Web.Agents;

/// <summary>
/// The one rule for trusting an agent's TLS certificate, applied by every client that talks to agents (the hub
/// connection, console relays, uploads): an enrolled agent must present exactly the certificate pinned at enrolment;
/// any other agent's certificate is checked the usual way.
/// </summary>
public static class AgentTls
{
    public static bool Accepts(AgentOptions agent, X509Certificate? certificate, SslPolicyErrors errors)
    {
        if (string.IsNullOrEmpty(agent.CertificateSha256))
        {
            return errors == SslPolicyErrors.None;
        }

        return certificate is not null
            && string.Equals(EnrolmentHandshake.Fingerprint(certificate.GetRawCertData()), agent.CertificateSha256, StringComparison.OrdinalIgnoreCase);
    }

    public static void Apply(ClientWebSocketOptions options, AgentOptions agent) =>
        options.RemoteCertificateValidationCallback = (_, certificate, _, errors) => Accepts(agent, certificate, errors);

    public static HttpMessageHandler Apply(HttpMessageHandler handler, AgentOptions agent)
    {
        switch (handler)
        {
            case HttpClientHandler client:
                client.ServerCertificateCustomValidationCallback = (_, certificate, _, errors) => Accepts(agent, certificate, errors);
                break;
            case SocketsHttpHandler sockets:
                sockets.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) => Accepts(agent, certificate, errors);
                break;
        }

        return handler;
    }

    /// <summary>A handler shared by all agents (a named HTTP client): each request says which agent it is for.</summary>
    public static SocketsHttpHandler SharedHandler(IServiceProvider services)
    {
        var directory = services.GetRequiredService<AgentDirectory>();
        var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (sender, certificate, _, errors) =>
            sender is HttpRequestMessage { RequestUri: { } uri } && directory.FindByUri(uri) is { } agent
                ? Accepts(agent, certificate, errors)
                : errors == SslPolicyErrors.None;
        return handler;
    }

    /// <summary>Whether <paramref name="exception"/> (or one inside it) is a refused agent certificate.</summary>
    public static bool IsCertificateRefusal(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is System.Security.Authentication.AuthenticationException)
            {
                return true;
            }
        }

        return false;
    }
}
