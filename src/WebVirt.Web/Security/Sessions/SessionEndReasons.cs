namespace WebVirt.Web.Security.Sessions;

/// <summary>Why a session ended, as stored in user_sessions.end_reason.</summary>
public static class SessionEndReasons
{
    public const string LoggedOut = "logout";
    public const string EndedByUser = "ended-by-user";
    public const string Idle = "idle";
    public const string Expired = "expired";
    public const string PasswordChanged = "password-changed";
    public const string RoleChanged = "role-changed";
    public const string Disabled = "disabled";
    public const string Deleted = "deleted";
}
