using System.Globalization;

namespace WebVirt.Agent.Usage;

/// <summary>The host's 1-minute load average from /proc/loadavg (libvirt does not report it).</summary>
internal static class LoadAverage
{
    internal const string Path = "/proc/loadavg";

    public static double Read()
    {
        try
        {
            return Parse(File.ReadAllText(Path));
        }
        catch (IOException)
        {
            return 0;
        }
    }

    /// <summary>The first field of "0.52 0.58 0.59 1/389 12345"; 0 when it is not a number.</summary>
    public static double Parse(string text)
    {
        var first = text.AsSpan().Trim();
        var end = first.IndexOf(' ');
        return double.TryParse(end < 0 ? first : first[..end], NumberStyles.Float, CultureInfo.InvariantCulture, out var load) ? load : 0;
    }
}
