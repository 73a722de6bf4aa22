namespace WebVirt.Agent.Security;

internal static partial class AgentSecurityLog
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "Refused a caller from {Remote} on {Path}: wrong agent token")]
    public static partial void TokenRefused(ILogger logger, string remote, string path);
}
