namespace WebVirt.Web.Services;

/// <summary>A console user as the Users page lists it.</summary>
public sealed record UserSummary(string Id, string UserName, string? Role, bool LockedOut);
