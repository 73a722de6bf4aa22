using System.Text;

namespace WebVirt.Web.Metrics;

/// <summary>
/// Cuts the series of hosts and guests a reader may not see out of a scrape in Prometheus' text format
/// (and OpenMetrics', which writes samples the same way). A sample with a <c>uuid</c> label is a guest's and
/// stays only when the guest is seen; one with a <c>host</c> label and no <c>uuid</c> stays only when the host
/// is seen; every other line (comments, the console's own series without those labels) stays as it is. A
/// sample line that cannot be read is dropped rather than guessed at.
/// </summary>
public static class MetricsExpositionFilter
{
    public static byte[] Filter(ReadOnlySpan<byte> exposition, Func<string, bool> seesHost, Func<string, string, bool> seesGuest)
    {
        ArgumentNullException.ThrowIfNull(seesHost);
        ArgumentNullException.ThrowIfNull(seesGuest);
        using var kept = new MemoryStream(exposition.Length);
        while (!exposition.IsEmpty)
        {
            var end = exposition.IndexOf((byte)'\n');
            var line = end < 0 ? exposition : exposition[..(end + 1)];
            exposition = end < 0 ? [] : exposition[(end + 1)..];
            if (Keeps(line, seesHost, seesGuest))
            {
                kept.Write(line);
            }
        }

        return kept.ToArray();
    }

    private static bool Keeps(ReadOnlySpan<byte> line, Func<string, bool> seesHost, Func<string, string, bool> seesGuest)
    {
        if (line.IsEmpty || line[0] == (byte)'#' || line.Trim((byte)'\n').IsEmpty)
        {
            return true;
        }

        var open = line.IndexOf((byte)'{');
        if (open < 0 || line[..open].IndexOfAny((byte)' ', (byte)'\t') >= 0)
        {
            // No labels at all: not a host's or a guest's.
            return true;
        }

        if (!TryReadLabels(line[(open + 1)..], out var host, out var uuid))
        {
            return false;
        }

        return uuid is not null ? host is not null && seesGuest(host, uuid)
            : host is null || seesHost(host);
    }

    /// <summary>
    /// Reads <c>name="value",...}</c> (names bare or quoted, as Prometheus' UTF-8 names are, and a quoted metric
    /// name first), unescaping quoted text, and picks out the host and uuid labels.
    /// </summary>
    private static bool TryReadLabels(ReadOnlySpan<byte> labels, out string? host, out string? uuid)
    {
        host = null;
        uuid = null;
        var i = 0;
        while (true)
        {
            while (i < labels.Length && labels[i] is (byte)' ' or (byte)',')
            {
                i++;
            }

            if (i >= labels.Length)
            {
                return false;
            }

            if (labels[i] == (byte)'}')
            {
                return true;
            }

            string name;
            if (labels[i] == (byte)'"')
            {
                if (!TryReadQuoted(labels, ref i, out name))
                {
                    return false;
                }
            }
            else
            {
                var length = labels[i..].IndexOfAny((byte)'=', (byte)',', (byte)'}');
                if (length <= 0)
                {
                    return false;
                }

                name = Encoding.UTF8.GetString(labels.Slice(i, length)).Trim();
                i += length;
            }

            if (i >= labels.Length || labels[i] != (byte)'=')
            {
                // A quoted metric name inside the braces, not a label.
                continue;
            }

            i++;
            if (i >= labels.Length || labels[i] != (byte)'"' || !TryReadQuoted(labels, ref i, out var value))
            {
                return false;
            }

            if (name == MetricTags.Host)
            {
                host = value;
            }
            else if (name == MetricTags.Uuid)
            {
                uuid = value;
            }
        }
    }

    /// <summary>Reads a quoted text starting at the quote at <paramref name="i"/>, unescaping \\, \" and \n; leaves <paramref name="i"/> after its closing quote.</summary>
    private static bool TryReadQuoted(ReadOnlySpan<byte> text, ref int i, out string value)
    {
        var bytes = new List<byte>();
        for (i++; i < text.Length; i++)
        {
            var c = text[i];
            if (c == (byte)'\\' && i + 1 < text.Length)
            {
                i++;
                bytes.Add(text[i] == (byte)'n' ? (byte)'\n' : text[i]);
            }
            else if (c == (byte)'"')
            {
                i++;
                value = Encoding.UTF8.GetString([.. bytes]);
                return true;
            }
            else if (c == (byte)'\n')
            {
                break;
            }
            else
            {
                bytes.Add(c);
            }
        }

        value = "";
        return false;
    }
}
