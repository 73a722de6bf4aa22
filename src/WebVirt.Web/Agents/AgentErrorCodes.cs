namespace WebVirt.Web.Agents;

/// <summary>Error codes the console itself puts into an ActionResult, beside libvirt's own.</summary>
public static class AgentErrorCodes
{
    public const string Unavailable = "WEBVIRT_AGENT_UNAVAILABLE";
    public const string UnknownHost = "WEBVIRT_UNKNOWN_HOST";
    public const string Timeout = "WEBVIRT_TIMEOUT";
    public const string Forbidden = "WEBVIRT_FORBIDDEN";
    public const string Failed = "WEBVIRT_AGENT_ERROR";
}
