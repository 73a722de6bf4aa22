namespace WebVirt.Domain.Guests;

/// <summary>The guest's main disk (wizard step 3).</summary>
public abstract record GuestDisk
{
    private GuestDisk()
    {
    }

    /// <summary>A volume to create in <paramref name="Pool"/>; thin volumes only allocate what the guest writes.</summary>
    public sealed record NewVolume(string Pool, long SizeGiB, DiskFormat Format = DiskFormat.Qcow2, bool Thin = true) : GuestDisk;

    public sealed record ExistingVolume(string Path) : GuestDisk;

    public sealed record None : GuestDisk;
}
