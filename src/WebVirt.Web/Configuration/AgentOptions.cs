namespace WebVirt.Web.Configuration;

/// <summary>One host agent this console connects to.</summary>
public sealed class AgentOptions
{
    public string HostId { get; set; } = "";

    /// <summary>Display name used until the agent has told its hostname.</summary>
    public string Name { get; set; } = "";

    /// <summary>Base URL of the agent, for example http://127.0.0.1:9091.</summary>
    public string Url { get; set; } = "";

    /// <summary>Bearer token the agent accepts.</summary>
    public string Token { get; set; } = "";

    /// <summary>
    /// SHA-256 (hex) of the agent's own certificate, pinned at enrolment: over https the agent must present exactly
    /// this certificate. Empty: the certificate is checked the usual way (a trusted chain and name).
    /// </summary>
    public string CertificateSha256 { get; set; } = "";

    /// <summary>
    /// The agent's console hand-off socket, for the agent of this machine only: the web collects each guest's VNC
    /// connection there and relays it itself, one process and one hop fewer. Empty: through the agent's HTTP relay.
    /// </summary>
    public string ConsoleSocket { get; set; } = "";
}
