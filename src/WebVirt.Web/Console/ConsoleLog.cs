namespace WebVirt.Web.Console;

internal static partial class ConsoleLog
{
    [LoggerMessage(EventId = 6001, Level = LogLevel.Warning, Message = "Refused console for {UserName} on host {HostId} guest {Uuid}: {Reason}")]
    public static partial void Refused(ILogger logger, string userName, string hostId, string uuid, ConsoleTicketCheck reason);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Information, Message = "Console of host {HostId} guest {Uuid} opened by {UserName}")]
    public static partial void Opened(ILogger logger, string userName, string hostId, string uuid);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Warning, Message = "Console of host {HostId} guest {Uuid}: the agent cannot be reached")]
    public static partial void AgentUnreachable(ILogger logger, Exception exception, string hostId, string uuid);

    [LoggerMessage(EventId = 6004, Level = LogLevel.Warning, Message = "Console of host {HostId} guest {Uuid}: the agent's hand-off socket {Path} failed, relaying through the agent instead")]
    public static partial void HandoffFailed(ILogger logger, Exception exception, string hostId, string uuid, string path);
}
