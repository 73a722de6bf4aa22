using System.Globalization;

namespace WebVirt.Libvirt.Domains;

/// <summary>
/// Turns virDomainGetGuestInfo's flat typed parameters ("fs.0.mountpoint", "user.count", ...) into
/// records. Counts come first in libvirt's answer; an index without its entry is skipped.
/// </summary>
public static class DomainGuestInfoReader
{
    public static DomainGuestInfo Read(IReadOnlyDictionary<string, object> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        string? Text(string name) => parameters.TryGetValue(name, out object? value) && value is string s && s.Length > 0 ? s : null;
        ulong? Number(string name) => parameters.TryGetValue(name, out object? value) ? value switch
        {
            ulong ul => ul,
            uint ui => ui,
            long l when l >= 0 => (ulong)l,
            int i when i >= 0 => (ulong)i,
            _ => null,
        } : null;
        int Count(string name) => (int)Math.Min(Number(name) ?? 0, 1024);

        GuestOsInfo? os = new(
            Text("os.id"), Text("os.name"), Text("os.pretty-name"), Text("os.version"),
            Text("os.kernel-release"), Text("os.kernel-version"), Text("os.machine"));
        if (os is { Id: null, Name: null, PrettyName: null, Version: null, KernelRelease: null, KernelVersion: null, Machine: null })
        {
            os = null;
        }

        GuestTimezone? timezone = parameters.TryGetValue("timezone.offset", out object? offset) && offset is int seconds
            ? new GuestTimezone(Text("timezone.name"), seconds)
            : Text("timezone.name") is { } zone ? new GuestTimezone(zone, 0) : null;

        var users = new List<GuestUser>();
        for (int i = 0; i < Count("user.count"); i++)
        {
            string prefix = string.Create(CultureInfo.InvariantCulture, $"user.{i}.");
            if (Text(prefix + "name") is not { } name)
            {
                continue;
            }

            // login-time is milliseconds since the epoch.
            DateTimeOffset? login = Number(prefix + "login-time") is { } ms && ms <= (ulong)DateTimeOffset.MaxValue.ToUnixTimeMilliseconds()
                ? DateTimeOffset.FromUnixTimeMilliseconds((long)ms)
                : null;
            users.Add(new GuestUser(name, Text(prefix + "domain"), login));
        }

        var fileSystems = new List<GuestFileSystem>();
        for (int i = 0; i < Count("fs.count"); i++)
        {
            string prefix = string.Create(CultureInfo.InvariantCulture, $"fs.{i}.");
            if (Text(prefix + "mountpoint") is not { } mountPoint)
            {
                continue;
            }

            var disks = new List<GuestFileSystemDisk>();
            for (int d = 0; d < Count(prefix + "disk.count"); d++)
            {
                string disk = string.Create(CultureInfo.InvariantCulture, $"{prefix}disk.{d}.");
                disks.Add(new GuestFileSystemDisk(Text(disk + "alias"), Text(disk + "serial"), Text(disk + "device")));
            }

            fileSystems.Add(new GuestFileSystem(
                mountPoint, Text(prefix + "name"), Text(prefix + "fstype"), Number(prefix + "total-bytes"), Number(prefix + "used-bytes"), disks));
        }

        return new DomainGuestInfo(os, Text("hostname"), timezone, users, fileSystems);
    }
}
