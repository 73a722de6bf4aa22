using System.Globalization;
using WebVirt.Contracts;

namespace WebVirt.Web.Components.Pages;

/// <summary>
/// The virtio driver disk of a Windows guest (<see cref="WindowsDriversPanel"/> on the OS step):
/// sent only while the chosen OS is Windows and the box is checked, and listed in the summary.
/// </summary>
public partial class CreateGuestPage
{
    private readonly WindowsDriversChoice _drivers = new();

    private bool IsWindows => WindowsDriversPanel.IsWindows(_os);

    private bool AttachDrivers => IsWindows && _drivers.Attach && _drivers.Path is not null;

    private string DriversText => AttachDrivers
        ? string.Format(CultureInfo.CurrentCulture, Texts["Summary.Drivers.Attached"], _drivers.VolumeName ?? _drivers.Path, _drivers.Pool)
        : Texts["Summary.Drivers.None"];

    /// <summary>The wizard's spec as the agent gets it: the model plus the driver disk.</summary>
    private GuestSpecDto Spec()
    {
        GuestSpecDto dto = _m.ToDto();
        return AttachDrivers ? dto with { DriversIsoPool = _drivers.Pool, DriversIsoPath = _drivers.Path } : dto;
    }

    private void DriversChanged() => Edited("DriversIso");
}
