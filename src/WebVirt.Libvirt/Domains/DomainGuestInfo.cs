namespace WebVirt.Libvirt.Domains;

/// <summary>What the guest agent told virDomainGetGuestInfo; a part the agent did not answer is null or empty.</summary>
public sealed record DomainGuestInfo(
    GuestOsInfo? OperatingSystem,
    string? Hostname,
    GuestTimezone? Timezone,
    IReadOnlyList<GuestUser> Users,
    IReadOnlyList<GuestFileSystem> FileSystems);

/// <summary>os.*: the os-release fields and uname's kernel release and machine.</summary>
public sealed record GuestOsInfo(string? Id, string? Name, string? PrettyName, string? Version, string? KernelRelease, string? KernelVersion, string? Machine);

/// <summary>timezone.*: the zone's name and its offset from UTC in seconds.</summary>
public sealed record GuestTimezone(string? Name, int OffsetSeconds);

/// <summary>user.N.*: a logged-in user, the domain only for Windows guests.</summary>
public sealed record GuestUser(string Name, string? Domain, DateTimeOffset? LoginTime);

/// <summary>fs.N.*: a mounted file system; sizes are absent when the agent cannot tell them.</summary>
public sealed record GuestFileSystem(string MountPoint, string? Name, string? Type, ulong? TotalBytes, ulong? UsedBytes, IReadOnlyList<GuestFileSystemDisk> Disks);

/// <summary>fs.N.disk.M.*: a disk of the guest's definition behind the file system.</summary>
public sealed record GuestFileSystemDisk(string? Alias, string? Serial, string? Device);
