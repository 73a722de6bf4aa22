namespace WebVirt.Contracts;

/// <summary>
/// What the QEMU guest agent inside a guest answered, or why there is no answer. Exactly one of
/// <see cref="Data"/> and <see cref="Absence"/> is set.
/// </summary>
/// <param name="Detail">libvirt's message when the agent failed to answer; null otherwise.</param>
public sealed record GuestAgentReport(GuestAgentData? Data, GuestAgentAbsence? Absence, string? Detail = null)
{
    public static GuestAgentReport Missing(GuestAgentAbsence why, string? detail = null) => new(null, why, detail);
}

/// <summary>Why a guest's agent has nothing to say.</summary>
public enum GuestAgentAbsence
{
    /// <summary>The definition has no org.qemu.guest_agent.0 virtio channel, so no agent can talk to the host.</summary>
    NoChannel,

    /// <summary>The guest is not running (shut off, paused, crashed).</summary>
    GuestNotRunning,

    /// <summary>The channel exists but no agent opened it in the guest (not installed or not started).</summary>
    NotConnected,

    /// <summary>The agent is connected but did not answer in time or answered with an error.</summary>
    NotResponding,
}

/// <summary>The guest agent's answer; a part the agent does not support is null or empty.</summary>
/// <param name="TimeZoneOffsetSeconds">The zone's offset from UTC now, in seconds east.</param>
public sealed record GuestAgentData(
    GuestAgentOs? Os,
    string? HostName,
    string? TimeZone,
    int? TimeZoneOffsetSeconds,
    IReadOnlyList<GuestAgentUser> Users,
    IReadOnlyList<GuestAgentFileSystem> FileSystems,
    DateTimeOffset ReadAt);

/// <param name="Name">os-release's NAME ("Debian GNU/Linux"), or Windows' product name.</param>
/// <param name="PrettyName">os-release's PRETTY_NAME, including the version.</param>
public sealed record GuestAgentOs(string? Id, string? Name, string? PrettyName, string? Version, string? KernelRelease, string? Machine);

/// <param name="Domain">The Windows domain of the account; null for Linux guests.</param>
public sealed record GuestAgentUser(string Name, string? Domain, DateTimeOffset? LoginTime);

/// <param name="Disks">The guest's disks the file system lives on, by their target (vda) or the guest's device name.</param>
public sealed record GuestAgentFileSystem(string MountPoint, string? Name, string? Type, long? TotalBytes, long? UsedBytes, IReadOnlyList<string> Disks);
