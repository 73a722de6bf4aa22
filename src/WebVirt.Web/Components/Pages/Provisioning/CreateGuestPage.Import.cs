using WebVirt.Contracts;

namespace WebVirt.Web.Components.Pages;

/// <summary>
/// An imported image as is (it is the disk: no new volume), or copied or layered into a new
/// volume, whose pool, size and format the disk step then asks for.
/// </summary>
public partial class CreateGuestPage
{
    private string ImportText => $"{Texts["Source.Import"]}: {_m.SourcePath} — {Texts[$"Import.{_m.ImportUse}"]}";

    private void ImportUseChanged(GuestImageUse use)
    {
        _m.ImportUse = use;
        _m.Disk = use == GuestImageUse.AsIs ? GuestDiskKind.None : GuestDiskKind.NewVolume;
        Edited("Source.ImportUse");
    }
}
