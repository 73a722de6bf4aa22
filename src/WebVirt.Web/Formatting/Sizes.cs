using System.Globalization;

namespace WebVirt.Web.Formatting;

/// <summary>Memory sizes in binary units a person reads at a glance.</summary>
public static class Sizes
{
    private static readonly string[] Units = ["KiB", "MiB", "GiB", "TiB", "PiB"];

    /// <summary>A byte count; below one KiB in bytes.</summary>
    public static string FromBytes(long bytes, IFormatProvider? culture = null)
    {
        culture ??= CultureInfo.CurrentCulture;
        return bytes < 1024 ? Math.Max(0, bytes).ToString("0", culture) + " B" : FromKiB(bytes / 1024, culture);
    }

    public static string FromKiB(long kib, IFormatProvider? culture = null)
    {
        culture ??= CultureInfo.CurrentCulture;
        double value = Math.Max(0, kib);
        var unit = 0;
        while (value >= 1024 && unit < Units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        var format = value >= 100 || value == Math.Floor(value) ? "0" : "0.#";
        return value.ToString(format, culture) + " " + Units[unit];
    }
}
