namespace WebVirt.Web.Data;

/// <summary>
/// One sign-in, kept on the server so it can be ended: the auth cookie only names it. The key is
/// the SHA-256 of the random session id in the cookie, so the table alone cannot forge a cookie.
/// </summary>
public sealed class UserSession
{
    public const int UserAgentMaxLength = 256;
    public const int AddressMaxLength = 64;

    public string Id { get; set; } = "";

    public string UserId { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset LastSeenAt { get; set; }

    public string UserAgent { get; set; } = "";

    public string SourceAddress { get; set; } = "";

    public DateTimeOffset? EndedAt { get; set; }

    /// <summary>One of <see cref="Security.Sessions.SessionEndReasons"/>.</summary>
    public string? EndReason { get; set; }
}
