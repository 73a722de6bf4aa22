using System.Globalization;
using WebVirt.Web.Formatting;

namespace WebVirt.Web.Components.Shared;

/// <summary>How the usage graphs print values and times.</summary>
public static class UsageFormat
{
    public static string Value(double value, UsageUnit unit, IFormatProvider? culture = null)
    {
        culture ??= CultureInfo.CurrentCulture;
        return unit switch
        {
            UsageUnit.Percent => value.ToString("0.#", culture) + " %",
            UsageUnit.Bytes => Bytes(value, culture),
            _ => Bytes(value, culture) + "/s",
        };
    }

    /// <summary>Clock time for graphs within a day, date and time beyond; in the server's zone, as the rest of the console.</summary>
    public static string Time(DateTimeOffset at, TimeSpan span, IFormatProvider? culture = null) =>
        at.ToLocalTime().ToString(span > TimeSpan.FromDays(1) ? "MM-dd HH:mm" : span > TimeSpan.FromMinutes(30) ? "HH:mm" : "HH:mm:ss", culture ?? CultureInfo.CurrentCulture);

    private static string Bytes(double bytes, IFormatProvider culture) =>
        bytes < 1024 ? Math.Max(0, bytes).ToString("0", culture) + " B" : Sizes.FromKiB((long)Math.Round(bytes / 1024), culture);
}
