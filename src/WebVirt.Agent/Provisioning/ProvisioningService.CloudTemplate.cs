using System.Globalization;
using System.Xml.Linq;
using WebVirt.Agent.Tasks;
using WebVirt.Contracts;
using WebVirt.Domain.Definition;
using WebVirt.Domain.Storage;
using WebVirt.Domain.Validation;
using StoragePoolInfo = WebVirt.Domain.Validation.StoragePoolInfo;

namespace WebVirt.Agent.Provisioning;

/// <summary>
/// Templates from cloud images: a source with cloud-init defaults in its metadata gives each clone a
/// new NoCloud seed of its own (the clone's host name, keys and UUID as instance id) in the pool of
/// its first disk, which may also grow. The template's seed volume is never shared; the seed leaves
/// after the clone's first boot like any cloud guest's (<see cref="CloudSeedRemover"/>).
/// </summary>
internal sealed partial class ProvisioningService
{
    /// <summary>A clone's new seed: where it goes, its bytes, and the UUID its instance id names.</summary>
    private sealed record CloneSeed(string Pool, string VolumeName, string Path, byte[] Image, Guid Uuid, ValidatedCloudInit CloudInit);

    public async Task<CloudTemplateInfo> GetCloudTemplateInfoAsync(string uuid, CancellationToken ct)
    {
        if (!UuidRules.IsValid(uuid))
        {
            return CloudTemplateInfo.None with { Error = Failure.Of(ErrorCodes.GuestUuidInvalid, uuid) };
        }

        return await session.RunAsync(c =>
        {
            using LibvirtDomain domain = c.LookupDomainByUuid(uuid);
            string xml = domain.GetXmlDesc(inactive: true);
            if (WebVirtMetadata.Read(xml)?.CloudInit is not CloudInitDefaults defaults)
            {
                return CloudTemplateInfo.None;
            }

            DiskReference? first = GuestDisks.Read(domain.Name, xml).FirstOrDefault(d => d.Writable);
            long bytes = 0;
            if (first is not null)
            {
                using LibvirtStorageVolume volume = c.LookupStorageVolumeByPath(first.Path);
                bytes = (long)volume.GetInfo().CapacityBytes;
            }

            return new CloudTemplateInfo(true, defaults.UserName, defaults.SshKeys, (bytes + SizeRules.GiB - 1) / SizeRules.GiB);
        }, ct);
    }

    /// <summary>
    /// Whether the source <paramref name="xml"/> has cloud-init defaults, and the clone's checked seed settings
    /// (null when refused). A source without defaults refuses being asked for them.
    /// </summary>
    private static (bool HasDefaults, ValidatedCloudInit? CloudInit) CheckCloneCloudInit(string xml, string sourceName, CloneGuestRequest request, List<ValidationProblem> problems)
    {
        if (WebVirtMetadata.Read(xml)?.CloudInit is not CloudInitDefaults defaults)
        {
            if (request.CloudInit is not null || request.DiskSizeGiB is not null)
            {
                problems.Add(new ValidationProblem("CloudInit", ValidationKeys.CloneNoCloudDefaults, ValidationMessages.Template(ValidationKeys.CloneNoCloudDefaults, CultureInfo.InvariantCulture), [sourceName]));
            }

            return (false, null);
        }

        return (true, defaults.ForClone(request.CloudInit?.HostName, request.CloudInit?.SshKeys, request.NewName, problems));
    }

    /// <summary>Builds the clone's seed for the pool of its first disk; null with <paramref name="problems"/> when the volume cannot go there.</summary>
    private static CloneSeed? PlanCloneSeed(ValidatedCloudInit cloudInit, StoragePoolInfo pool, string newName, List<ValidationProblem> problems)
    {
        var uuid = Guid.NewGuid();
        byte[] image = NoCloudSeed.Build(cloudInit, uuid, mac: null, DateTimeOffset.UtcNow);
        var validated = VolumeValidator.ValidateUpload(new UploadSpec(NoCloudSeed.VolumeName(newName), image.Length), pool);
        if (!validated.IsValid)
        {
            problems.AddRange(validated.Problems);
            return null;
        }

        return new CloneSeed(pool.Name, validated.Value!.Name, validated.Value.Path, image, uuid, cloudInit);
    }

    /// <summary>
    /// The clone's XML with the UUID its seed names, the seed in place of the source's, and as its own
    /// defaults what its seed was made with (its keys), for copies made from it in turn.
    /// </summary>
    private static string WithCloneSeed(string cloneXml, string sourceName, CloneSeed seed)
    {
        XDocument document = XDocument.Parse(cloneXml);
        document.Root!.Element("name")!.AddAfterSelf(new XElement("uuid", seed.Uuid.ToString("D", CultureInfo.InvariantCulture)));
        CloudSeedXml.Attach(document, sourceName, seed.Path);
        WebVirtMetadata metadata = WebVirtMetadata.Read(document)!;
        (metadata with { CloudInit = CloudInitDefaults.From(seed.CloudInit) }).WriteTo(document);
        return document.ToString();
    }

    /// <summary>Grows a full copy that libvirt made at the source's size.</summary>
    private async Task GrowCloneDiskAsync(TaskHandle task, string path, long capacityBytes, CancellationToken ct)
    {
        bool grown = await session.RunAsync(c =>
        {
            using LibvirtStorageVolume volume = c.LookupStorageVolumeByPath(path);
            if ((long)volume.GetInfo().CapacityBytes >= capacityBytes)
            {
                return false;
            }

            volume.Resize((ulong)capacityBytes);
            return true;
        }, ct);
        if (grown)
        {
            await task.LogAsync(TaskText.Of(ErrorCodes.TaskCloneGrown, path, (capacityBytes / SizeRules.GiB).ToString(CultureInfo.InvariantCulture)));
        }
    }
}
