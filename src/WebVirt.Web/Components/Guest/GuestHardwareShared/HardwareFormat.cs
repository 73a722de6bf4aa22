using System.Globalization;
using WebVirt.Web.Formatting;

namespace WebVirt.Web.Components.Guest;

/// <summary>Sizes on the hardware cards, in the binary units the rest of the console uses.</summary>
public static class HardwareFormat
{
    public const long GiB = 1024L * 1024 * 1024;

    public static string Bytes(long? bytes) => bytes is { } value ? Sizes.FromKiB(value / 1024, CultureInfo.CurrentCulture) : "—";

    public static string MiB(long mib) => Sizes.FromKiB(mib * 1024, CultureInfo.CurrentCulture);

    /// <summary>A GiB amount typed into a form, in bytes; 0 for nothing sensible.</summary>
    public static long GiBToBytes(double gib) => double.IsFinite(gib) && gib > 0 && gib < long.MaxValue / GiB ? (long)Math.Round(gib * GiB) : 0;

    /// <summary>The test-id form of a MAC address (colons are awkward in selectors).</summary>
    public static string MacId(string mac) => mac.Replace(':', '-');
}
