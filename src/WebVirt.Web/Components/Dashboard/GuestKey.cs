using WebVirt.Contracts;

namespace WebVirt.Web.Components.Dashboard;

/// <summary>
/// A guest's identity across hosts: a UUID alone is not unique once several hosts are listed
/// (cloned images, libvirt's test driver, a migration in flight show the same UUID twice).
/// </summary>
public readonly record struct GuestKey(string HostId, string Uuid)
{
    public static GuestKey Of(GuestInfo guest)
    {
        ArgumentNullException.ThrowIfNull(guest);
        return new(guest.HostId, guest.Uuid);
    }
}
