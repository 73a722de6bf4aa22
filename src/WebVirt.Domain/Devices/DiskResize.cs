using System.Xml.Linq;
using WebVirt.Domain.Storage;
using WebVirt.Domain.Validation;

namespace WebVirt.Domain.Devices;

/// <summary>
/// Growing a guest's disk: only a file-backed disk (not a CD-ROM), only larger (shrinking would cut
/// off the guest's file system), and by no more than its pool has free.
/// </summary>
public static class DiskResize
{
    /// <summary>The path of the file behind disk <paramref name="target"/>.</summary>
    public static ValidationResult<string> FindFile(string domainXml, string target)
    {
        var problems = new List<ValidationProblem>();
        XDocument? domain = DomainDocument.Parse(domainXml, problems);
        XElement? disk = domain is null ? null : DeviceRemoval.FindDisk(domain, target);
        string? file = (string?)disk?.Element("source")?.Attribute("file");
        if (domain is not null && disk is null)
        {
            problems.Add(ValidationProblem.Create("Target", ValidationKeys.DiskUnknown, PoolPathRules.Printable(target ?? string.Empty)));
        }
        else if (disk is not null && (((string?)disk.Attribute("device") ?? "disk") != "disk" || file is null))
        {
            problems.Add(ValidationProblem.Create("Target", ValidationKeys.DiskNotResizable, PoolPathRules.Printable(target)));
        }

        return ValidationResult<string>.From(() => file!, problems);
    }

    /// <summary><paramref name="pool"/> is the disk's pool when it has one (its free space limits the growth).</summary>
    public static ValidationResult<ValidatedResize> Check(string target, long currentBytes, long newBytes, StoragePoolInfo? pool)
    {
        var problems = new List<ValidationProblem>();
        if (newBytes <= currentBytes)
        {
            problems.Add(ValidationProblem.Create("NewSizeBytes", ValidationKeys.DiskResizeNotGrowing, PoolPathRules.Printable(target ?? string.Empty), currentBytes, newBytes));
            return ValidationResult<ValidatedResize>.Refused(problems);
        }

        if (pool is not null)
        {
            return VolumeValidator.ValidateResize(new VolumeResizeSpec(currentBytes, newBytes), pool);
        }

        SizeRules.CheckDiskBytes(newBytes, "NewSizeBytes", problems);

        return ValidationResult<ValidatedResize>.From(() => new ValidatedResize(newBytes, newBytes - currentBytes), problems);
    }
}
