namespace WebVirt.Web.Data;

/// <summary>One state-changing attempt by a user, kept whether it succeeded, failed or was refused.</summary>
public sealed class AuditEntry
{
    public const string ResultOk = "ok";
    public const string ResultError = "error";

    // Column sizes (WebDbContext); text chosen by a caller is cut to them with AuditText.Sanitize.
    public const int UserNameMaxLength = 256;
    public const int HostMaxLength = 128;
    public const int GuestUuidMaxLength = 64;
    public const int GuestNameMaxLength = 256;
    public const int DetailMaxLength = 4000;

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
