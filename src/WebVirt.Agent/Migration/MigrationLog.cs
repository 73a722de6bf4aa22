namespace WebVirt.Agent.Migration;

internal static partial class MigrationLog
{
    [LoggerMessage(EventId = 8101, Level = LogLevel.Information, Message = "Migration grant {GrantId} accepted, valid until {ExpiresAt}")]
    public static partial void GrantAccepted(ILogger logger, string grantId, DateTimeOffset expiresAt);

    [LoggerMessage(EventId = 8102, Level = LogLevel.Warning, Message = "Refused a migration stream from {Remote} for grant {GrantId} ({Channel}): {Reason}")]
    public static partial void StreamRefused(ILogger logger, string remote, string grantId, string channel, string reason);

    [LoggerMessage(EventId = 8103, Level = LogLevel.Information, Message = "Migration stream {Channel} of grant {GrantId} opened to {Target}")]
    public static partial void StreamOpened(ILogger logger, string grantId, string channel, string target);

    [LoggerMessage(EventId = 8104, Level = LogLevel.Information, Message = "Migration stream {Channel} of grant {GrantId} closed")]
    public static partial void StreamClosed(ILogger logger, string grantId, string channel);

    [LoggerMessage(EventId = 8105, Level = LogLevel.Warning, Message = "Migration tunnel to {Destination} could not open its {Channel} stream: {Reason}")]
    public static partial void TunnelStreamFailed(ILogger logger, string destination, string channel, string reason);

    [LoggerMessage(EventId = 8106, Level = LogLevel.Information, Message = "Migrating {Guest} to {Destination}: live {Live}, copy storage {Copy}, bandwidth {Bandwidth} MiB/s")]
    public static partial void Starting(ILogger logger, string guest, string destination, bool live, bool copy, int bandwidth);

    [LoggerMessage(EventId = 8107, Level = LogLevel.Information, Message = "Migrated {Guest} to {Destination} in {Seconds:F1} s")]
    public static partial void Migrated(ILogger logger, string guest, string destination, double seconds);

    [LoggerMessage(EventId = 8108, Level = LogLevel.Warning, Message = "Migration of {Guest} to {Destination} failed at {Step}: {Error}")]
    public static partial void Failed(ILogger logger, string guest, string destination, string step, string error);

    [LoggerMessage(EventId = 8109, Level = LogLevel.Warning, Message = "Migration clean-up of {What} failed: {Error}")]
    public static partial void CleanupFailed(ILogger logger, string what, string error);

    [LoggerMessage(EventId = 8110, Level = LogLevel.Information, Message = "Copied disk {Volume} of {Guest} to {Destination}: {Sent} bytes of data, {Length} bytes of file, {Seconds:F1} s, sparse {Sparse}")]
    public static partial void DiskCopied(ILogger logger, string volume, string guest, string destination, long sent, long length, double seconds, bool sparse);

    [LoggerMessage(EventId = 8111, Level = LogLevel.Information, Message = "Migration of {Guest} to {Destination} cancelled; the guest stays on this host")]
    public static partial void Cancelled(ILogger logger, string guest, string destination);

    // The phases of a migration with their times, for bench/WebVirt.Bench's split of where a migration's time goes.
    [LoggerMessage(EventId = 8112, Level = LogLevel.Information, Message = "Migration of {Guest} to {Destination} checked in {Milliseconds} ms: guest read and grant asked (at once) {ReadMs} ms, libvirt connection {ConnectMs} ms, destination checks {CheckMs} ms")]
    public static partial void Checked(ILogger logger, string guest, string destination, long milliseconds, long readMs, long connectMs, long checkMs);

    [LoggerMessage(EventId = 8113, Level = LogLevel.Information, Message = "Migration of {Guest} to {Destination}: libvirt's migrate call returned after {Milliseconds} ms, {SetupMs} ms after the task began")]
    public static partial void MigrateCallReturned(ILogger logger, string guest, string destination, long milliseconds, long setupMs);

    [LoggerMessage(EventId = 8114, Level = LogLevel.Information, Message = "Migration of {Guest} to {Destination} succeeded: task {TaskId} pushed")]
    public static partial void Succeeded(ILogger logger, string guest, string destination, string taskId);

    [LoggerMessage(EventId = 8115, Level = LogLevel.Information, Message = "Migration of {Guest} to {Destination}: the guest runs there {Milliseconds} ms after the migrate call began")]
    public static partial void Arrived(ILogger logger, string guest, string destination, long milliseconds);

    [LoggerMessage(EventId = 8116, Level = LogLevel.Warning, Message = "Migration of {Guest} to {Destination}: no lifecycle events from the destination ({Error}); the task reports the guest there when the migrate call returns")]
    public static partial void NoArrivalEvents(ILogger logger, string guest, string destination, string error);

    [LoggerMessage(EventId = 8117, Level = LogLevel.Warning, Message = "Migration of {Guest} to {Destination}: the guest runs there, but libvirt's last step on this host failed: {Error}")]
    public static partial void SourceNotStopped(ILogger logger, string guest, string destination, string error);
}
