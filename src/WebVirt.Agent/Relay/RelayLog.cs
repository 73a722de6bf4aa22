namespace WebVirt.Agent.Relay;

internal static partial class RelayLog
{
    [LoggerMessage(EventId = 5001, Level = LogLevel.Warning, Message = "Refused a console relay from {Remote} on {Path}: no valid agent token")]
    public static partial void Unauthenticated(ILogger logger, string remote, string path);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Information, Message = "Console relay for guest {Uuid} not opened: {Reason}")]
    public static partial void NotOpened(ILogger logger, string uuid, string reason);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Information, Message = "Console relay for guest {Uuid} opened to {Target}")]
    public static partial void Opened(ILogger logger, string uuid, string target);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Information, Message = "Console relay for guest {Uuid} closed")]
    public static partial void Closed(ILogger logger, string uuid);
}
