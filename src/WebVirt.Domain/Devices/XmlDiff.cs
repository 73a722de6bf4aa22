using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace WebVirt.Domain.Devices;

/// <summary>
/// A line-based unified diff of two XML documents for the "review before saving" view. Both are
/// normalized first (insignificant whitespace dropped, two-space indentation, one attribute list
/// per element), so only real changes show.
/// </summary>
public static class XmlDiff
{
    public const int DefaultContext = 3;

    /// <summary>The documents pretty-printed the way the diff compares them.</summary>
    public static string Normalize(string xml)
    {
        XDocument document = XDocument.Parse(xml, LoadOptions.None);
        var settings = new XmlWriterSettings { Indent = true, IndentChars = "  ", OmitXmlDeclaration = true, NewLineChars = "\n", NewLineHandling = NewLineHandling.Entitize };
        var text = new StringBuilder();
        using (var writer = XmlWriter.Create(text, settings))
        {
            document.Root!.WriteTo(writer);
        }

        return text.ToString();
    }

    /// <summary>The unified diff; empty when the normalized documents are equal.</summary>
    public static string Unified(string beforeXml, string afterXml, string beforeLabel = "before", string afterLabel = "after", int context = DefaultContext)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(context);
        string[] a = Normalize(beforeXml).Split('\n');
        string[] b = Normalize(afterXml).Split('\n');
        List<(char Op, string Line)> script = EditScript(a, b);
        if (script.All(e => e.Op == ' '))
        {
            return string.Empty;
        }

        var output = new StringBuilder();
        output.Append("--- ").Append(beforeLabel).Append('\n');
        output.Append("+++ ").Append(afterLabel).Append('\n');
        int index = 0;
        while (index < script.Count)
        {
            int firstChange = script.FindIndex(index, e => e.Op != ' ');
            if (firstChange < 0)
            {
                break;
            }

            int start = Math.Max(index, firstChange - context);
            int end = firstChange;

            // Extend the hunk while the next change is within 2 × context unchanged lines.
            while (true)
            {
                int lastChange = end;
                while (lastChange + 1 < script.Count && script[lastChange + 1].Op != ' ')
                {
                    lastChange++;
                }

                int next = script.FindIndex(lastChange + 1, e => e.Op != ' ');
                if (next >= 0 && next - lastChange - 1 <= 2 * context)
                {
                    end = next;
                    continue;
                }

                end = Math.Min(script.Count - 1, lastChange + context);
                break;
            }

            WriteHunk(output, script, start, end);
            index = end + 1;
        }

        return output.ToString();
    }

    private static void WriteHunk(StringBuilder output, List<(char Op, string Line)> script, int start, int end)
    {
        int oldLine = 1 + script.Take(start).Count(e => e.Op != '+');
        int newLine = 1 + script.Take(start).Count(e => e.Op != '-');
        int oldCount = script.Skip(start).Take(end - start + 1).Count(e => e.Op != '+');
        int newCount = script.Skip(start).Take(end - start + 1).Count(e => e.Op != '-');
        output.Append("@@ -").Append(Range(oldLine, oldCount)).Append(" +").Append(Range(newLine, newCount)).Append(" @@\n");
        for (int i = start; i <= end; i++)
        {
            output.Append(script[i].Op).Append(script[i].Line).Append('\n');
        }
    }

    // GNU diff: an empty range is written as the line before it, with count 0.
    private static string Range(int line, int count) => count switch
    {
        0 => $"{line - 1},0",
        1 => $"{line}",
        _ => $"{line},{count}",
    };

    /// <summary>Longest-common-subsequence edit script; common head and tail are trimmed first, so typical edits stay small.</summary>
    private static List<(char Op, string Line)> EditScript(string[] a, string[] b)
    {
        int head = 0;
        while (head < a.Length && head < b.Length && a[head] == b[head])
        {
            head++;
        }

        int tail = 0;
        while (tail < a.Length - head && tail < b.Length - head && a[a.Length - 1 - tail] == b[b.Length - 1 - tail])
        {
            tail++;
        }

        int n = a.Length - head - tail;
        int m = b.Length - head - tail;
        int[,] lcs = new int[n + 1, m + 1];
        for (int i = n - 1; i >= 0; i--)
        {
            for (int j = m - 1; j >= 0; j--)
            {
                lcs[i, j] = a[head + i] == b[head + j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
            }
        }

        var script = new List<(char, string)>(a.Length + b.Length);
        script.AddRange(a.Take(head).Select(l => (' ', l)));
        int x = 0, y = 0;
        while (x < n || y < m)
        {
            if (x < n && y < m && a[head + x] == b[head + y])
            {
                script.Add((' ', a[head + x]));
                x++;
                y++;
            }
            else if (y < m && (x == n || lcs[x, y + 1] > lcs[x + 1, y]))
            {
                script.Add(('+', b[head + y]));
                y++;
            }
            else
            {
                script.Add(('-', a[head + x]));
                x++;
            }
        }

        script.AddRange(a.Skip(a.Length - tail).Select(l => (' ', l)));
        return script;
    }
}
