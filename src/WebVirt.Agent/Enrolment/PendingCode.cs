using System.Text.Json;

namespace WebVirt.Agent.Enrolment;

/// <summary>The one enrolment code waiting on this host, as `webvirt-agent enrol` left it in the state directory.</summary>
internal sealed record PendingCode(string Code, DateTimeOffset ExpiresAt, int Failures)
{
    public const string FileName = "enrolment-code.json";

    public static PendingCode? Read(string directory)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(path), EnrolmentJson.Default.PendingCode);
        }
        catch (JsonException)
        {
            // A damaged file is no code: the administrator makes a new one.
            return null;
        }
    }

    public void Write(string directory)
    {
        AgentStateDirectory.Ensure(directory);
        AgentStateDirectory.WritePrivate(Path.Combine(directory, FileName), JsonSerializer.Serialize(this, EnrolmentJson.Default.PendingCode));
    }

    public static void Delete(string directory) => File.Delete(Path.Combine(directory, FileName));
}
