namespace WebVirt.Web.Agents;

internal static partial class AgentLog
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Connected to agent {HostId} at {Url}")]
    public static partial void Connected(ILogger logger, string hostId, string url);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Agent {HostId} at {Url} is unreachable, retrying in {Delay}: {Error}")]
    public static partial void ConnectFailed(ILogger logger, string hostId, string url, TimeSpan delay, string error);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "Lost the connection to agent {HostId}, reconnecting")]
    public static partial void Reconnecting(ILogger logger, string hostId, Exception? exception);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Information, Message = "Reconnected to agent {HostId}")]
    public static partial void Reconnected(ILogger logger, string hostId);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Warning, Message = "Could not read the inventory of agent {HostId}")]
    public static partial void RefreshFailed(ILogger logger, string hostId, Exception exception);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Warning, Message = "Command {Command} to agent {HostId} failed")]
    public static partial void CommandFailed(ILogger logger, string command, string hostId, Exception exception);

    [LoggerMessage(EventId = 1007, Level = LogLevel.Error, Message = "A change subscriber threw")]
    public static partial void SubscriberFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1008, Level = LogLevel.Warning, Message = "Agent {HostId} is configured without a URL; it will show as disconnected")]
    public static partial void MissingUrl(ILogger logger, string hostId);
}
