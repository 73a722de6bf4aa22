using System.Globalization;

namespace WebVirt.Web.Formatting;

/// <summary>One way to show a moment on every page: the server's local time, to the second.</summary>
public static class Moments
{
    public static string Local(DateTimeOffset at) => at.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.CurrentCulture);
}
