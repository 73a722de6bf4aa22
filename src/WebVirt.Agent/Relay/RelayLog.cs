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

    [LoggerMessage(EventId = 5005, Level = LogLevel.Information, Message = "Console of guest {Uuid} handed to the web")]
    public static partial void HandedOff(ILogger logger, string uuid);

    [LoggerMessage(EventId = 5006, Level = LogLevel.Warning, Message = "A console hand-off failed: {Reason}")]
    public static partial void HandoffFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 5007, Level = LogLevel.Information, Message = "Handing consoles to the web on {Path}")]
    public static partial void HandoffListening(ILogger logger, string path);

    [LoggerMessage(EventId = 5008, Level = LogLevel.Error, Message = "Cannot hand consoles to the web on {Path} (the web relays through the agent instead): {Reason}")]
    public static partial void HandoffUnavailable(ILogger logger, string path, string reason);
}
