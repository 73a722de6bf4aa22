using System.Xml.Linq;
using WebVirt.Domain.Storage;
using WebVirt.Domain.Validation;

namespace WebVirt.Domain.Devices;

/// <summary>
/// Where a new disk's volume goes before it is attached: the target the guest gets next on the bus
/// and a volume name from the guest's name and that target (web1-vdb.qcow2, then web1-vdb-2.qcow2
/// if taken), so a volume says whose disk it is.
/// </summary>
public static class NewDiskPlan
{
    /// <summary>The target <see cref="GuestDeviceBuilder.AttachDisk"/> picks for <paramref name="bus"/>, or null after adding why none is free.</summary>
    public static string? Target(string domainXml, DiskBus bus, List<ValidationProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        XDocument? domain = DomainDocument.Parse(domainXml, problems);
        return domain is not null && GuestDeviceBuilder.CheckBus(bus, domain, "Bus", problems)
            ? GuestDeviceBuilder.NextTarget(domain, bus, "Bus", problems)
            : null;
    }

    public static string VolumeName(string guestName, string target, VolumeFormat format, StoragePoolInfo pool)
    {
        ArgumentNullException.ThrowIfNull(pool);
        string extension = VolumeNames.Extensions(format)[0];
        var taken = pool.Volumes.Select(v => Path.GetFileName(v.Path)).ToHashSet(StringComparer.Ordinal);
        string stem = $"{guestName}-{target}";
        string name = stem + extension;
        for (int n = 2; taken.Contains(name); n++)
        {
            name = $"{stem}-{n}{extension}";
        }

        // Guest names are up to 64 characters: a long one is cut so the volume name stays valid.
        return name.Length <= NameRules.MaxNameLength ? name : name[^NameRules.MaxNameLength..].TrimStart('-', '.', '_');
    }
}
