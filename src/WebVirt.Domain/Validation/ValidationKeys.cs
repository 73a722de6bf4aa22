namespace WebVirt.Domain.Validation;

/// <summary>Resource keys of every validation message (Resources/ValidationMessages.resx).</summary>
public static class ValidationKeys
{
    public const string Required = "Value.Required";
    public const string OptionInvalid = "Option.Invalid";
    public const string NameInvalid = "Name.Invalid";
    public const string NameDuplicate = "Name.Duplicate";
    public const string VCpusOutOfRange = "VCpus.OutOfRange";
    public const string MemoryTooSmall = "Memory.TooSmall";
    public const string MemoryTooLarge = "Memory.TooLarge";
    public const string DiskSizeInvalid = "Disk.SizeInvalid";
    public const string DiskExceedsPoolFree = "Disk.ExceedsPoolFree";
    public const string PoolUnknown = "Pool.Unknown";
    public const string VolumeExists = "Volume.Exists";
    public const string VolumeUnknown = "Volume.Unknown";
    public const string PathNotAbsolute = "Path.NotAbsolute";
    public const string PathParentSegment = "Path.ParentSegment";
    public const string PathOutsidePools = "Path.OutsidePools";
    public const string PathOutsidePool = "Path.OutsidePool";
    public const string UrlMalformed = "Url.Malformed";
    public const string UrlSchemeNotAllowed = "Url.SchemeNotAllowed";
    public const string MacMalformed = "Mac.Malformed";
    public const string MacMulticast = "Mac.Multicast";
    public const string MacDuplicate = "Mac.Duplicate";
    public const string NetworkUnknown = "Network.Unknown";
    public const string BridgeUnknown = "Bridge.Unknown";
    public const string NicModelUnknown = "NicModel.Unknown";
    public const string UefiUnavailable = "Firmware.UefiUnavailable";
    public const string MachineTypeInvalid = "MachineType.Invalid";
    public const string KvmUnavailable = "Accelerator.KvmUnavailable";
    public const string CpuModeNeedsKvm = "CpuMode.NeedsKvm";
    public const string CpuModelRequired = "CpuModel.Required";
    public const string CpuModelInvalid = "CpuModel.Invalid";
    public const string OsVariantInvalid = "OsVariant.Invalid";
    public const string TextControlCharacters = "Text.ControlCharacters";
    public const string TextTooLong = "Text.TooLong";
    public const string TemplateUuidInvalid = "Template.UuidInvalid";
    public const string TemplateUnknown = "Template.Unknown";
    public const string TemplateUsesClone = "Template.UsesClone";
    public const string CloneSourceInvalid = "Clone.SourceInvalid";
    public const string CloneDiskNotMapped = "Clone.DiskNotMapped";
    public const string OsMinimumMemory = "OsMinimum.Memory";
    public const string OsMinimumVCpus = "OsMinimum.VCpus";
    public const string OsMinimumDisk = "OsMinimum.Disk";
}
