namespace WebVirt.Web.Security;

/// <summary>The console's roles, strongest first.</summary>
public static class Roles
{
    public const string Administrator = "Administrator";
    public const string Operator = "Operator";
    public const string Viewer = "Viewer";

    /// <summary>Starts, stops and opens the console of the guests it is granted on; a rights role only, never a user's global role.</summary>
    public const string ConsoleUser = "ConsoleUser";

    /// <summary>The roles a user can hold globally (the Users page, PAM groups); each counts as a grant on "/".</summary>
    public static IReadOnlyList<string> All { get; } = [Administrator, Operator, Viewer];

    /// <summary>The built-in roles of grants, strongest first; custom roles are added on the Rights page.</summary>
    public static IReadOnlyList<string> BuiltIn { get; } = [Administrator, Operator, ConsoleUser, Viewer];
}
