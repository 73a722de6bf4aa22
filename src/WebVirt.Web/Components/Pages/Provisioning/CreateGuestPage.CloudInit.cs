using System.Globalization;
using WebVirt.Contracts;

namespace WebVirt.Web.Components.Pages;

/// <summary>The wizard's cloud image source: its volume label and its line in the summary.</summary>
public partial class CreateGuestPage
{
    private string SourceVolumeLabel => _m.Source switch
    {
        GuestSourceKind.IsoVolume => Texts["Source.IsoVolume"],
        GuestSourceKind.CloudImage => Texts["Source.CloudImageVolume"],
        _ => Texts["Source.DiskVolume"],
    };

    private string CloudSourceText => string.Format(
        CultureInfo.CurrentCulture,
        Texts["Cloud.Summary"],
        _m.SourcePath,
        _m.Cloud.Linked ? Texts["Cloud.Linked"] : Texts["Cloud.Copy"],
        _m.Cloud.UserName,
        string.IsNullOrWhiteSpace(_m.Cloud.HostName) ? _m.Name : _m.Cloud.HostName);
}
