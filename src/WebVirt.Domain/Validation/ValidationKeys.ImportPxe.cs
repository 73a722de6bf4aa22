namespace WebVirt.Domain.Validation;

/// <summary>Keys of the messages about imported disk images and network boot (PXE) servers.</summary>
public static partial class ValidationKeys
{
    public const string ImportImageInUse = "Import.ImageInUse";
    public const string ImportImageNotDisk = "Import.ImageNotDisk";
    public const string ImportNeedsNewDisk = "Import.NeedsNewDisk";
    public const string ImportOverlayIsQcow2 = "Import.OverlayIsQcow2";
    public const string ImportDiskSmallerThanImage = "Import.DiskSmallerThanImage";
    public const string PxeTftpRootNotAbsolute = "Pxe.TftpRootNotAbsolute";
    public const string PxeTftpRootMissing = "Pxe.TftpRootMissing";
    public const string PxeTftpRootNotReadable = "Pxe.TftpRootNotReadable";
    public const string PxeBootFileInvalid = "Pxe.BootFileInvalid";
    public const string PxeBootFileMissing = "Pxe.BootFileMissing";
    public const string PxeNeedsDhcp = "Pxe.NeedsDhcp";
}
