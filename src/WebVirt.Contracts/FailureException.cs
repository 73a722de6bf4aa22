using System.Text.Json;

namespace WebVirt.Contracts;

/// <summary>
/// A failure as an exception: thrown by agent code that cannot return a result, and by a console
/// for a read whose answer is not a result type. The agent's hub filter sends it to the caller in
/// the hub error's text (<see cref="ToHubMessage"/>), and the console reads it back (<see cref="TryRead"/>).
/// </summary>
public sealed class FailureException(ActionResult result) : Exception(result.ToString())
{
    private const string Marker = "webvirt-failure:";

    public FailureException(Failure failure)
        : this(ActionResult.Fail(failure))
    {
    }

    /// <summary>The failed result, with its problems when input was refused.</summary>
    public ActionResult Result { get; } = result;

    public string ToHubMessage() => Marker + JsonSerializer.Serialize(Result, AgentHubJson.Default.ActionResult);

    /// <summary>The failure a hub error's text carries; SignalR puts its own words before it.</summary>
    public static ActionResult? TryRead(string? hubMessage)
    {
        int at = hubMessage?.IndexOf(Marker, StringComparison.Ordinal) ?? -1;
        if (at < 0)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(hubMessage!.AsSpan(at + Marker.Length), AgentHubJson.Default.ActionResult);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
