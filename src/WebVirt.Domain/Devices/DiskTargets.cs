namespace WebVirt.Domain.Devices;

/// <summary>
/// Guest device names by bus, as libvirt names them: virtio vda, vdb, ...; SATA and SCSI share
/// sda, sdb, ...; IDE hda..hdd (two channels of two). After z comes aa, ab, ... (virDiskNameToIndex).
/// </summary>
public static class DiskTargets
{
    public const int IdeSlots = 4;

    // vda..vdzz: far more than a guest's PCI slots or controllers take.
    public const int MaxSlots = 26 + (26 * 26);

    public static string Prefix(DiskBus bus) => bus switch
    {
        DiskBus.Virtio => "vd",
        DiskBus.Sata or DiskBus.Scsi => "sd",
        DiskBus.Ide => "hd",
        _ => throw new ArgumentOutOfRangeException(nameof(bus), bus, null),
    };

    /// <summary>The first free name on <paramref name="bus"/>, or null when every slot is taken.</summary>
    public static string? Next(DiskBus bus, IEnumerable<string> used)
    {
        var taken = new HashSet<string>(used, StringComparer.Ordinal);
        string prefix = Prefix(bus);
        int slots = bus == DiskBus.Ide ? IdeSlots : MaxSlots;
        for (int index = 0; index < slots; index++)
        {
            string name = prefix + Suffix(index);
            if (!taken.Contains(name))
            {
                return name;
            }
        }

        return null;
    }

    /// <summary>0 → a, 25 → z, 26 → aa, 701 → zz.</summary>
    public static string Suffix(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        string suffix = string.Empty;
        for (int n = index + 1; n > 0; n = (n - 1) / 26)
        {
            suffix = (char)('a' + ((n - 1) % 26)) + suffix;
        }

        return suffix;
    }
}
