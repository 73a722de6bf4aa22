using WebVirt.Domain.Guests;
using WebVirt.Domain.Storage;
using WebVirt.Domain.Validation;

namespace WebVirt.Domain.Devices;

/// <summary>
/// Turns the guest page's words (libvirt's names: virtio, writeback, hd, qcow2, network...) and
/// pool/volume names into the typed specs of the device builders, adding a problem for each
/// unknown one. A null name means "keep" or "default" and gives null.
/// </summary>
public static class EditRequests
{
    public static DiskBus? Bus(string? name, string field, List<ValidationProblem> problems) =>
        Parse(name, Enum.GetValues<DiskBus>(), DeviceNames.Bus, field, problems);

    public static DiskCache? Cache(string? name, string field, List<ValidationProblem> problems) =>
        name == "default" ? DiskCache.Default : Parse(name, Enum.GetValues<DiskCache>().Where(c => c != DiskCache.Default).ToArray(), c => DeviceNames.Cache(c)!, field, problems);

    public static IReadOnlyList<BootDevice> BootDevices(IReadOnlyList<string>? names, List<ValidationProblem> problems) =>
        (names ?? []).Select(n => Parse(n, Enum.GetValues<BootDevice>(), DeviceNames.Boot, "Devices", problems)).OfType<BootDevice>().ToList();

    /// <summary>qcow2 or raw: what a new empty disk volume can be.</summary>
    public static VolumeFormat? NewVolumeFormat(string? name, string field, List<ValidationProblem> problems) =>
        Parse(name ?? string.Empty, [VolumeFormat.Qcow2, VolumeFormat.Raw], VolumeNames.LibvirtFormat, field, problems);

    /// <summary>A libvirt network or a host bridge by name.</summary>
    public static GuestNetwork? Network(string? sourceType, string? source, List<ValidationProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (string.IsNullOrEmpty(source))
        {
            problems.Add(ValidationProblem.Create("Source", ValidationKeys.Required, "Source"));
            return null;
        }

        switch (sourceType)
        {
            case "network":
                return new GuestNetwork.LibvirtNetwork(source);
            case "bridge":
                return new GuestNetwork.Bridge(source);
            default:
                problems.Add(ValidationProblem.Create("SourceType", ValidationKeys.OptionInvalid, PoolPathRules.Printable(sourceType ?? string.Empty), "SourceType"));
                return null;
        }
    }

    public static StoragePoolInfo? Pool(string? pool, HostLimits host, string field, List<ValidationProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(problems);
        StoragePoolInfo? found = host.Pools.FirstOrDefault(p => p.Name == pool);
        if (found is null)
        {
            problems.Add(ValidationProblem.Create(field, ValidationKeys.PoolUnknown, PoolPathRules.Printable(pool ?? string.Empty)));
        }

        return found;
    }

    /// <summary>The volume named <paramref name="volume"/> in <paramref name="pool"/> (an active pool of the host).</summary>
    public static PoolVolume? Volume(string? pool, string? volume, HostLimits host, string field, List<ValidationProblem> problems)
    {
        StoragePoolInfo? found = Pool(pool, host, field, problems);
        if (found is null)
        {
            return null;
        }

        PoolVolume? match = found.Volumes.FirstOrDefault(v => Path.GetFileName(v.Path) == volume);
        if (match is null)
        {
            problems.Add(ValidationProblem.Create(field, ValidationKeys.VolumeUnknown, PoolPathRules.Printable(volume ?? string.Empty), found.Name));
        }

        return match;
    }

    /// <summary>Refusals the agent finds only while applying an edit (libvirt's answers), in the same translated form.</summary>
    public static ValidationProblem VolumeNotInPool(string path) =>
        ValidationProblem.Create("Target", ValidationKeys.VolumeNotInPool, PoolPathRules.Printable(path));

    public static ValidationProblem StillAttachedLive(string target, string bus) =>
        ValidationProblem.Create("DeleteVolume", ValidationKeys.VolumeStillAttachedLive, target, bus);

    public static ValidationProblem DiskNotReleased(string target) =>
        ValidationProblem.Create("Target", ValidationKeys.DiskNotReleased, target);

    public static ValidationProblem OptionInvalid(string field, object value) =>
        ValidationProblem.Create(field, ValidationKeys.OptionInvalid, value, field);

    private static T? Parse<T>(string? name, IReadOnlyList<T> values, Func<T, string> nameOf, string field, List<ValidationProblem> problems)
        where T : struct, Enum
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (name is null)
        {
            return null;
        }

        foreach (T value in values)
        {
            if (string.Equals(nameOf(value), name, StringComparison.Ordinal))
            {
                return value;
            }
        }

        problems.Add(ValidationProblem.Create(field, ValidationKeys.OptionInvalid, PoolPathRules.Printable(name), field));
        return null;
    }
}
