using WebVirt.Domain.Guests;

namespace WebVirt.Domain.Validation;

/// <summary>
/// A spec that passed <see cref="GuestSpecValidator"/>, with everything resolved against the host.
/// Only the validator creates one, so XML can only be built from validated input.
/// </summary>
public sealed class ValidatedGuest
{
    internal ValidatedGuest(GuestSpec spec, CpuMode cpuMode, string? mac, string? cdromPath, IReadOnlyList<ResolvedDisk> disks, NewVolumePlan? newVolume, string? driversIsoPath = null, CloudImagePlan? cloudImage = null)
    {
        Spec = spec;
        CpuMode = cpuMode;
        Mac = mac;
        CdromPath = cdromPath;
        Disks = disks;
        NewVolume = newVolume;
        DriversIsoPath = driversIsoPath;
        CloudImage = cloudImage;
    }

    public GuestSpec Spec { get; }

    /// <summary>The spec's CPU mode or the accelerator's default.</summary>
    public CpuMode CpuMode { get; }

    /// <summary>The NIC's address (the user's, normalized, or a generated one); null without a network.</summary>
    public string? Mac { get; }

    public string? CdromPath { get; }

    /// <summary>The Windows driver ISO, attached as the CD-ROM after <see cref="CdromPath"/>; null when none.</summary>
    public string? DriversIsoPath { get; }

    /// <summary>Writable disks in boot order (vda, vdb, ...).</summary>
    public IReadOnlyList<ResolvedDisk> Disks { get; }

    /// <summary>The volume the agent must create before defining the guest; null when none.</summary>
    public NewVolumePlan? NewVolume { get; }

    /// <summary>For a cloud image: the image the new volume is made from and the seed attached as CD-ROM (<see cref="CdromPath"/>).</summary>
    public CloudImagePlan? CloudImage { get; }

    /// <summary>
    /// The same guest installed from <paramref name="treeUrl"/>: the installer tree found under the
    /// mirror root the user typed (<see cref="InstallTrees.MirrorRoots"/>), which the installer's
    /// kernel line must name. The URL was checked as the typed one, of which it is an extension.
    /// </summary>
    public ValidatedGuest WithInstallTree(string treeUrl) =>
        Spec.Source is GuestSource.NetworkInstall install
            ? new ValidatedGuest(Spec with { Source = install with { Url = treeUrl } }, CpuMode, Mac, CdromPath, Disks, NewVolume, DriversIsoPath, CloudImage)
            : throw new InvalidOperationException("Only a network install has an install tree.");
}
