namespace WebVirt.Web.Security;

/// <summary>The console's roles, strongest first.</summary>
public static class Roles
{
    public const string Administrator = "Administrator";
    public const string Operator = "Operator";
    public const string Viewer = "Viewer";

    public static IReadOnlyList<string> All { get; } = [Administrator, Operator, Viewer];
}
