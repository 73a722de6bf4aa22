using WebVirt.Domain.Guests;

namespace WebVirt.Domain.Validation;

/// <summary>
/// The Windows driver ISO: only for a Windows guest, an ISO volume libvirt knows in the named pool,
/// and only with a source that can use it. An ISO, PXE (Windows Deployment Services' WinPE loads
/// drivers from any CD) and an imported disk (an image with the virtio drivers already installed
/// boots from the virtio disk; the ISO then updates or adds drivers) can; a network install cannot:
/// it boots a Linux installer's kernel from an install tree, which Windows does not have.
/// </summary>
public static class DriversIsoRules
{
    public const string Field = "DriversIso";

    /// <summary>The driver ISO's full path, or null when there is none or after adding the reasons to <paramref name="problems"/>.</summary>
    public static string? Check(GuestSpec spec, HostLimits host, List<ValidationProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(host);
        if (spec.DriversIso is not DriversIso iso)
        {
            return null;
        }

        int before = problems.Count;
        if (!OsFamilies.IsWindows(spec.OsFamily))
        {
            problems.Add(ValidationProblem.Create(Field, ValidationKeys.DriversIsoNotWindows));
        }

        if (spec.Source is GuestSource.NetworkInstall or GuestSource.FromTemplate)
        {
            problems.Add(ValidationProblem.Create(Field, ValidationKeys.DriversIsoSourceUnsupported));
        }

        PoolVolume? volume = PoolPathRules.FindVolume(iso.VolumePath, iso.Pool, host.Pools, Field + ".VolumePath", problems);
        if (volume is not null && !IsIso(volume))
        {
            problems.Add(ValidationProblem.Create(Field + ".VolumePath", ValidationKeys.DriversIsoNotIso, PoolPathRules.Printable(Path.GetFileName(volume.Path)), PoolPathRules.Printable(volume.Format)));
        }

        return volume is null || problems.Count > before ? null : Path.GetFullPath(volume.Path);
    }

    // libvirt probes ISO 9660 files in a directory pool as "iso"; a raw copy keeps its name.
    private static bool IsIso(PoolVolume volume) =>
        volume.Format == "iso" || volume.Path.EndsWith(".iso", StringComparison.OrdinalIgnoreCase);
}
