namespace WebVirt.Web.Data;

/// <summary>One state-changing attempt by a user, kept whether it succeeded, failed or was refused.</summary>
public sealed class AuditEntry
{
    public const string ResultOk = "ok";
    public const string ResultError = "error";

    public long Id { get; set; }

    public DateTimeOffset At { get; set; }

    public string UserName { get; set; } = "";

    public string Action { get; set; } = "";

    public string? TargetHost { get; set; }

    public string? TargetGuestUuid { get; set; }

    public string? TargetGuestName { get; set; }

    public string Result { get; set; } = ResultOk;

    public string? Detail { get; set; }
}
