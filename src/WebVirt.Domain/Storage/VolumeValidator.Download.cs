using WebVirt.Domain.Validation;

namespace WebVirt.Domain.Storage;

/// <summary>"Download from URL into the pool": the request before anything is fetched, and the volume once the first bytes are in.</summary>
public static partial class VolumeValidator
{
    /// <summary>
    /// An http(s) URL without credentials, the volume it will fill and the sum to check. The size and
    /// the format are not known yet: once the server answers, the agent checks them with
    /// <see cref="ValidateDownloadVolume"/> before writing.
    /// </summary>
    public static ValidationResult<ValidatedDownload> ValidateDownload(DownloadSpec spec, StoragePoolInfo pool)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(pool);
        var problems = new List<ValidationProblem>();
        Uri? url = UrlRules.CheckNoCredentials(UrlRules.Check(spec.Url, "Url", UrlRules.DownloadSchemes, problems), "Url", problems);
        string? name = null;
        if (spec.VolumeName is not null)
        {
            VolumeFormat? format = VolumeNames.FormatOf(spec.VolumeName);
            if (format is null)
            {
                problems.Add(ValidationProblem.Create("VolumeName", ValidationKeys.UploadFileNameInvalid, PoolPathRules.Printable(spec.VolumeName), string.Join(", ", VolumeNames.AllExtensions)));
            }
            else if (VolumeNames.Check(spec.VolumeName, format.Value, pool, "VolumeName", problems))
            {
                name = spec.VolumeName;
            }
        }
        else if (url is not null)
        {
            name = CheckDerivedName(Uri.UnescapeDataString(url.AbsolutePath), "VolumeName", pool, problems);
        }

        ImageChecksum? checksum = null;
        Uri? sumsUrl = null;
        bool pasted = !string.IsNullOrWhiteSpace(spec.Checksum);
        bool sumsFile = !string.IsNullOrWhiteSpace(spec.ChecksumUrl);
        if (pasted && sumsFile)
        {
            problems.Add(ValidationProblem.Create("Checksum", ValidationKeys.ChecksumTwoSources));
        }
        else if (pasted)
        {
            checksum = ImageChecksum.Parse(spec.Checksum, "Checksum", problems);
        }
        else if (sumsFile)
        {
            sumsUrl = UrlRules.CheckNoCredentials(UrlRules.Check(spec.ChecksumUrl!.Trim(), "ChecksumUrl", UrlRules.DownloadSchemes, problems), "ChecksumUrl", problems);
        }

        return ValidationResult<ValidatedDownload>.From(
            () => new ValidatedDownload(url!, name!, VolumeNames.FormatOf(name!)!.Value, PathIn(pool, name!), spec.VolumeName is not null, checksum, sumsUrl),
            problems);
    }

    /// <summary>
    /// The volume a download fills, once the server named its size (null: it did not say; the volume
    /// then starts empty and grows as it is written, which file-backed pools do) and its first bytes
    /// told the format. qcow2 content needs a .qcow2 name and raw content a raw one: a name the agent
    /// derived gets the right extension, a name the user chose is refused with the right one suggested.
    /// A qcow2 image naming a backing file is refused.
    /// </summary>
    public static ValidationResult<ValidatedVolume> ValidateDownloadVolume(ValidatedDownload download, ImageHeader header, long? sizeBytes, StoragePoolInfo pool)
    {
        ArgumentNullException.ThrowIfNull(download);
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(pool);
        var problems = new List<ValidationProblem>();
        if (header.HasBackingFile)
        {
            problems.Add(ValidationProblem.Create("Url", ValidationKeys.ImageHasBackingFile, download.Url.GetLeftPart(UriPartial.Path)));
        }

        VolumeFormat format = header.FormatFor(download.Format);
        string name = download.VolumeName;
        if (format != download.Format)
        {
            string renamed = string.Concat(name.AsSpan(0, name.LastIndexOf('.')), VolumeNames.Extensions(format)[0]);
            if (download.NameGiven)
            {
                problems.Add(ValidationProblem.Create("VolumeName", ValidationKeys.ImageFormatMismatch, name, VolumeNames.LibvirtFormat(format), renamed));
            }
            else
            {
                VolumeNames.Check(renamed, format, pool, "VolumeName", problems);
            }

            name = renamed;
        }

        if (sizeBytes is { } size)
        {
            if (size <= 0)
            {
                problems.Add(ValidationProblem.Create("SizeBytes", ValidationKeys.UploadSizeInvalid, size));
            }
            else
            {
                CheckCapacity(size, pool, "SizeBytes", problems);
            }
        }

        // Created as a plain file of the downloaded size, not through qemu-img: the stream writes the
        // image byte for byte, and libvirt reads the qcow2 header back when the upload finishes.
        VolumeFormat created = format == VolumeFormat.Qcow2 ? VolumeFormat.Raw : format;
        return ValidationResult<ValidatedVolume>.From(
            () => new ValidatedVolume(pool.Name, name, PathIn(pool, name), created, sizeBytes ?? 0, 0),
            problems);
    }
}
