using WebVirt.Domain.Guests;

namespace WebVirt.Domain.Definition;

/// <summary>The stable names of source kinds stored in metadata and the database.</summary>
public static class SourceKinds
{
    public const string Iso = "iso";
    public const string NetworkInstall = "network-install";
    public const string Import = "import";
    public const string Pxe = "pxe";
    public const string CloudImage = "cloud-image";
    public const string Template = "template";
    public const string Clone = "clone";

    public static string Of(GuestSource source) => source switch
    {
        GuestSource.IsoVolume => Iso,
        GuestSource.NetworkInstall => NetworkInstall,
        GuestSource.ImportDisk => Import,
        GuestSource.Pxe => Pxe,
        GuestSource.CloudImage => CloudImage,
        GuestSource.FromTemplate => Template,
        _ => throw new ArgumentOutOfRangeException(nameof(source), source, null),
    };
}
