using WebVirt.Domain.Guests;

namespace WebVirt.Domain.Validation;

/// <summary>
/// An imported disk image: used as it is (then it must be nobody else's), or copied or layered
/// into the new disk the spec asks for (then nobody may be writing it, and the new disk must hold it).
/// </summary>
internal static class ImportRules
{
    private const string Field = "Source.VolumePath";

    /// <summary>Checks the import; adds the image as the first disk when used as is, and returns what a copy or overlay is made from.</summary>
    public static ImageImport? Check(GuestSpec spec, GuestSource.ImportDisk import, HostLimits host, List<ResolvedDisk> disks, List<ValidationProblem> problems)
    {
        if (!Enum.IsDefined(import.Use))
        {
            problems.Add(ValidationProblem.Create("Source.ImportUse", ValidationKeys.OptionInvalid, (int)import.Use, "Source.ImportUse"));
            return null;
        }

        if (import.Use != ImageUse.AsIs)
        {
            CheckTarget(spec, import.Use, problems);
        }

        PoolVolume? image = PoolPathRules.FindVolume(import.VolumePath, null, host.Pools, Field, problems);
        if (image is null)
        {
            return null;
        }

        string path = Path.GetFullPath(image.Path);
        if (image.Format is not ("qcow2" or "raw"))
        {
            problems.Add(ValidationProblem.Create(Field, ValidationKeys.ImportImageNotDisk, PoolPathRules.Printable(path), PoolPathRules.Printable(image.Format)));
            return null;
        }

        if (import.Use == ImageUse.AsIs)
        {
            // The guest writes the image itself: any other guest's use (even read only, as a backing file) would break.
            var users = Others(host, path, spec.Name);
            if (users.Count > 0)
            {
                problems.Add(ValidationProblem.Create(Field, ValidationKeys.ImportImageInUse, PoolPathRules.Printable(path), string.Join(", ", users.Select(u => u.Guest).Distinct(StringComparer.Ordinal))));
                return null;
            }

            disks.Add(new ResolvedDisk(path, image.Format));
            return null;
        }

        // A copy or an overlay reads the image: a guest writing it meanwhile would corrupt what is read.
        if (Others(host, path, spec.Name).FirstOrDefault(u => u.Writable) is { } writer)
        {
            problems.Add(ValidationProblem.Create(Field, ValidationKeys.DiskWrittenByOtherGuest, PoolPathRules.Printable(path), writer.Guest));
            return null;
        }

        if (spec.Disk is GuestDisk.NewVolume target && target.SizeGiB is >= 1 and <= SizeRules.MaximumDiskGiB && target.SizeGiB * SizeRules.GiB < image.CapacityBytes)
        {
            long imageGiB = (image.CapacityBytes + SizeRules.GiB - 1) / SizeRules.GiB;
            problems.Add(ValidationProblem.Create("Disk.SizeGiB", ValidationKeys.ImportDiskSmallerThanImage, target.SizeGiB, imageGiB));
            return null;
        }

        return new ImageImport(path, image.Format, image.CapacityBytes, import.Use == ImageUse.Overlay);
    }

    private static List<ImageUser> Others(HostLimits host, string path, string guest) =>
        [.. host.ImageUsers(path).Where(u => u.Guest != guest)];

    private static void CheckTarget(GuestSpec spec, ImageUse use, List<ValidationProblem> problems)
    {
        if (spec.Disk is not GuestDisk.NewVolume volume)
        {
            problems.Add(ValidationProblem.Create("Disk", ValidationKeys.ImportNeedsNewDisk));
        }
        else if (use == ImageUse.Overlay && volume.Format != DiskFormat.Qcow2)
        {
            problems.Add(ValidationProblem.Create("Disk.Format", ValidationKeys.ImportOverlayIsQcow2));
        }
    }
}
