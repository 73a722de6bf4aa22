namespace WebVirt.Domain.Guests;

/// <summary>Where the guest's operating system comes from (wizard step 1).</summary>
public abstract record GuestSource
{
    // Closed hierarchy: the validator and the XML builder handle every case there is.
    private GuestSource()
    {
    }

    /// <summary>Install media: an ISO volume in a storage pool, attached as a read-only CD-ROM.</summary>
    public sealed record IsoVolume(string Pool, string VolumePath) : GuestSource;

    /// <summary>
    /// Network install from an install tree. The agent downloads the tree's kernel and initrd and
    /// boots them directly (see <see cref="Definition.DirectKernelBoot"/>); libvirt cannot boot a URL.
    /// </summary>
    public sealed record NetworkInstall(string Url, string? KernelArgs) : GuestSource;

    /// <summary>
    /// An existing qcow2 or raw disk image in a storage pool boots the guest: as it is, as a full copy
    /// in the new disk's pool, or through a thin qcow2 overlay on it (<paramref name="Use"/>).
    /// </summary>
    public sealed record ImportDisk(string VolumePath, ImageUse Use = ImageUse.AsIs) : GuestSource;

    public sealed record Pxe : GuestSource;

    /// <summary>
    /// A distribution's cloud image in a pool: the guest's new disk is a full copy of it or, when
    /// <paramref name="Linked"/>, a qcow2 overlay on it; cloud-init sets the guest up from a NoCloud seed.
    /// </summary>
    public sealed record CloudImage(string Pool, string VolumePath, bool Linked, CloudInitSpec CloudInit) : GuestSource;

    /// <summary>A clone of a guest marked as template (built by <see cref="Cloning.CloneXmlTransformer"/>).</summary>
    public sealed record FromTemplate(string TemplateUuid) : GuestSource;
}
