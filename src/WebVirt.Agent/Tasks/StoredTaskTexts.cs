using System.Text.Json;
using System.Text.Json.Serialization;
using WebVirt.Contracts;

namespace WebVirt.Agent.Tasks;

/// <summary>
/// How a task's log lines and error are kept in the Tasks table's text columns (<c>Log</c>, one
/// array element a line, and <c>Error</c>): each is one JSON object,
/// <c>{"at":"2026-12-04T15:30:00+00:00","code":"Task.Defined","args":["UUID"],"cause":{"code":"VIR_ERR_…","args":["…"]}}</c>
/// (<c>at</c> only on log lines, <c>cause</c> only when a step failed). Text that is not such an
/// object was stored by an older agent in plain words; it is read back as <see cref="TaskText.Stored"/>
/// and shown as it is.
/// </summary>
internal static class StoredTaskTexts
{
    public static string Write(TaskLogEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return entry.Text.Code == TaskText.StoredCode
            ? entry.Text.Args[0]
            : JsonSerializer.Serialize(new StoredTaskText(entry.At, entry.Text.Code, entry.Text.Args, entry.Text.Cause), StoredTaskTextJson.Default.StoredTaskText);
    }

    public static string Write(TaskText text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Code == TaskText.StoredCode ? text.Args[0] : JsonSerializer.Serialize(new StoredTaskText(null, text.Code, text.Args, text.Cause), StoredTaskTextJson.Default.StoredTaskText);
    }

    public static TaskLogEntry ReadLine(string stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        return Parse(stored) is { } parsed ? new TaskLogEntry(parsed.At, new TaskText(parsed.Code, parsed.Args ?? [], parsed.Cause)) : new TaskLogEntry(null, TaskText.Stored(stored));
    }

    public static TaskText ReadText(string stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        return Parse(stored) is { } parsed ? new TaskText(parsed.Code, parsed.Args ?? [], parsed.Cause) : TaskText.Stored(stored);
    }

    private static StoredTaskText? Parse(string stored)
    {
        // Plain text of an older agent began with a time or a word, never with a brace.
        if (!stored.StartsWith('{'))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(stored, StoredTaskTextJson.Default.StoredTaskText) is { Code.Length: > 0 } parsed ? parsed : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>One stored log line or error (<see cref="StoredTaskTexts"/>).</summary>
internal sealed record StoredTaskText(DateTimeOffset? At, string Code, IReadOnlyList<string>? Args, Failure? Cause);

/// <summary>Compile-time JSON metadata for <see cref="StoredTaskText"/>: web defaults, nulls left out.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(StoredTaskText))]
internal sealed partial class StoredTaskTextJson : JsonSerializerContext;
