namespace WebVirt.Web.Agents;

/// <summary>How the console's connection to one agent stands.</summary>
public enum AgentLinkState
{
    Connecting,
    Connected,
    Reconnecting,
    Disconnected,
}
