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
}
