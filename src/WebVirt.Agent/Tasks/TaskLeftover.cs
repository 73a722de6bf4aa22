using WebVirt.Contracts;
using WebVirt.Domain.Validation;

namespace WebVirt.Agent.Tasks;

/// <summary>
/// Something a task makes, as stored with the task: <c>volume:POOL/NAME</c> or <c>guest:UUID</c>.
/// Names are recorded rather than paths because a volume being copied has no path the task has seen yet.
/// </summary>
internal sealed record TaskLeftover(TaskLeftoverKind Kind, string Pool, string Name)
{
    private const string VolumePrefix = TaskArguments.VolumePrefix;
    private const string GuestPrefix = TaskArguments.GuestPrefix;

    public static string Volume(string pool, string name) => $"{VolumePrefix}{pool}/{name}";

    public static string Guest(string uuid) => $"{GuestPrefix}{uuid}";

    /// <summary>The stored form back as a leftover; null for text this agent never wrote.</summary>
    public static TaskLeftover? Parse(string stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        if (stored.StartsWith(GuestPrefix, StringComparison.Ordinal) && UuidRules.IsValid(stored[GuestPrefix.Length..]))
        {
            return new TaskLeftover(TaskLeftoverKind.Guest, "", stored[GuestPrefix.Length..]);
        }

        // Neither a pool nor a volume name can hold a slash, so the first one separates them.
        int slash = stored.IndexOf('/', StringComparison.Ordinal);
        return stored.StartsWith(VolumePrefix, StringComparison.Ordinal) && slash > VolumePrefix.Length && slash < stored.Length - 1
            ? new TaskLeftover(TaskLeftoverKind.Volume, stored[VolumePrefix.Length..slash], stored[(slash + 1)..])
            : null;
    }

    public string Stored => Kind == TaskLeftoverKind.Guest ? Guest(Name) : Volume(Pool, Name);

    /// <summary>This one as a task text's argument (a list of one), which the console words.</summary>
    public string Argument => TaskArguments.Leftovers([Stored]);

    public override string ToString() => Kind == TaskLeftoverKind.Guest ? $"guest {Name}" : $"volume {Name} in pool {Pool}";
}

internal enum TaskLeftoverKind
{
    Volume,
    Guest,
}
