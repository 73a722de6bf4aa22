namespace WebVirt.Web.Services;

/// <summary>Outcome of a user management request; Error is one of UserAdminService's codes or Identity's message.</summary>
public sealed record UserChangeResult(bool Ok, string? Error);
