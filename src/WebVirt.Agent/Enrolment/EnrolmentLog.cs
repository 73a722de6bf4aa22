namespace WebVirt.Agent.Enrolment;

internal static partial class EnrolmentLog
{
    [LoggerMessage(EventId = 1101, Level = LogLevel.Warning, Message = "Refused an enrolment from {Remote}: {Reason}")]
    public static partial void Refused(ILogger logger, string remote, string reason);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Information, Message = "Enrolled the console at {Remote}; its token replaces any console enrolled before")]
    public static partial void Enrolled(ILogger logger, string remote);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Information, Message = "Serving TLS with the agent's certificate, SHA-256 fingerprint {Fingerprint}")]
    public static partial void ServingTls(ILogger logger, string fingerprint);
}
