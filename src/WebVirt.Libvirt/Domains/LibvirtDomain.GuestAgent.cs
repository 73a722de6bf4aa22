namespace WebVirt.Libvirt.Domains;

public sealed partial class LibvirtDomain
{
    /// <summary>
    /// Asks the guest agent (libvirt's own connection to it) for the given parts. Throws
    /// <see cref="LibvirtException"/> with <see cref="LibvirtErrorCodes.AgentUnresponsive"/> when
    /// the agent is not connected or does not answer libvirt's guest-sync in time.
    /// </summary>
    public unsafe DomainGuestInfo GetGuestInfo(GuestInfoTypes types = GuestInfoTypes.All)
    {
        Interop.Libvirt.virTypedParameter* parameters = null;
        int count = 0;
        int result = Interop.Libvirt.virDomainGetGuestInfo(_handle, (uint)types, &parameters, &count, 0);
        LibvirtCall.Check(result, nameof(Interop.Libvirt.virDomainGetGuestInfo));
        return DomainGuestInfoReader.Read(TypedParameters.ReadAndFree(parameters, count));
    }

    public void Shutdown(DomainShutdownMode mode) =>
        Check(Interop.Libvirt.virDomainShutdownFlags(_handle, (uint)mode), nameof(Interop.Libvirt.virDomainShutdownFlags));

    public void Reboot(DomainShutdownMode mode) =>
        Check(Interop.Libvirt.virDomainReboot(_handle, (uint)mode), nameof(Interop.Libvirt.virDomainReboot));

    /// <summary>Freezes every file system the guest agent knows; returns how many it froze.</summary>
    public int FreezeFileSystems()
    {
        int frozen = Interop.Libvirt.virDomainFSFreeze(_handle, IntPtr.Zero, 0, 0);
        LibvirtCall.Check(frozen, nameof(Interop.Libvirt.virDomainFSFreeze));
        return frozen;
    }

    /// <summary>Thaws the guest's frozen file systems; returns how many it thawed (0 when none were frozen).</summary>
    public int ThawFileSystems()
    {
        int thawed = Interop.Libvirt.virDomainFSThaw(_handle, IntPtr.Zero, 0, 0);
        LibvirtCall.Check(thawed, nameof(Interop.Libvirt.virDomainFSThaw));
        return thawed;
    }
}
