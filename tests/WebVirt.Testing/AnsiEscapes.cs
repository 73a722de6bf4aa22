using System.Text.RegularExpressions;

namespace WebVirt.Testing;

// The guest's busybox shell writes cursor queries (ESC[6n) and colour codes between the text.
public static partial class AnsiEscapes
{
    public static string Strip(string text) => EscapeSequence().Replace(text, string.Empty);

    [GeneratedRegex(@"\x1B(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1B]*(?:\x07|\x1B\\)|[@-Z\\-_])")]
    private static partial Regex EscapeSequence();
}
