using Serilog.Core;
using Serilog.Events;

namespace WebVirt.Logging;

/// <summary>
/// Replaces every query string value in a log event by "***", keeping the names: console tickets
/// (?ticket=) and SignalR access tokens travel in query strings, and ASP.NET Core's request
/// logging writes the query string verbatim.
/// </summary>
public sealed class QueryStringRedactor : ILogEventEnricher
{
    public const string Redacted = "***";

    private static readonly string[] QueryProperties = ["QueryString", "Query"];

    private static readonly string[] UrlProperties = ["Uri", "Url", "RequestUri", "Location"];

    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        foreach (var name in QueryProperties.Concat(UrlProperties))
        {
            if (logEvent.Properties.TryGetValue(name, out var value)
                && value is ScalarValue { Value: string text }
                && text.Contains('?', StringComparison.Ordinal))
            {
                logEvent.AddOrUpdateProperty(new LogEventProperty(name, new ScalarValue(Redact(text))));
            }
        }
    }

    /// <summary>"/a?ticket=x&amp;b=y" becomes "/a?ticket=***&amp;b=***"; text without a query is returned unchanged.</summary>
    public static string Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var start = text.IndexOf('?', StringComparison.Ordinal);
        if (start < 0)
        {
            return text;
        }

        var fragment = text.IndexOf('#', start);
        var query = fragment < 0 ? text[(start + 1)..] : text[(start + 1)..fragment];
        var redacted = string.Join('&', query.Split('&').Select(pair =>
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            return equals < 0 ? pair : pair[..(equals + 1)] + Redacted;
        }));
        return text[..(start + 1)] + redacted;
    }
}
