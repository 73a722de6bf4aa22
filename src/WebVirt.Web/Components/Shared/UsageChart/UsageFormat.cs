using System.Globalization;

namespace WebVirt.Web.Components.Shared;

/// <summary>How the usage graphs print values and times.</summary>
public static class UsageFormat
{
    private static readonly string[] ByteUnits = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];

    public static string Value(double value, UsageUnit unit, IFormatProvider? culture = null)
    {
        culture ??= CultureInfo.CurrentCulture;
        return unit switch
        {
            UsageUnit.Percent => value.ToString("0.#", culture) + " %",
            UsageUnit.Bytes => Bytes(value, culture),
            UsageUnit.Number => value.ToString("0.##", culture),
            _ => Bytes(value, culture) + "/s",
        };
    }

    /// <summary>
    /// The time format for a graph covering <paramref name="span"/>: clock time within a day, date
    /// and time beyond (in the server's zone, as the rest of the console).
    /// </summary>
    public static string TimeFormat(TimeSpan span) =>
        span > TimeSpan.FromDays(1) ? "MM-dd HH:mm" : span > TimeSpan.FromMinutes(30) ? "HH:mm" : "HH:mm:ss";

    /// <summary>Binary units as <see cref="Formatting.Sizes"/> prints them, but from bytes, so small rates keep their fraction.</summary>
    private static string Bytes(double bytes, IFormatProvider culture)
    {
        var value = Math.Max(0, bytes);
        var unit = 0;
        while (value >= 1024 && unit < ByteUnits.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        var format = value >= 100 || value == Math.Floor(value) ? "0" : "0.#";
        return value.ToString(format, culture) + " " + ByteUnits[unit];
    }
}
