using WebVirt.Libvirt.Interfaces;

namespace WebVirt.Libvirt.Connection;

// Host interfaces as libvirt's interface driver (udev backend on Debian) sees them: read-only here.
public sealed partial class LibvirtConnection
{
    public unsafe IReadOnlyList<LibvirtInterface> ListAllInterfaces(InterfaceListFlags flags = InterfaceListFlags.None)
    {
        IntPtr* interfaces = null;
        int count = Interop.Libvirt.virConnectListAllInterfaces(_handle, &interfaces, (uint)flags);
        LibvirtCall.Check(count, nameof(Interop.Libvirt.virConnectListAllInterfaces));
        return NativeList.WrapAndFree(interfaces, count, i => new LibvirtInterface(SafeInterfaceHandle.Own(i, _handle)), static i => _ = Interop.Libvirt.virInterfaceFree(i));
    }

    public LibvirtInterface LookupInterfaceByName(string name) =>
        WrapInterface(Interop.Libvirt.virInterfaceLookupByName(_handle, name), nameof(Interop.Libvirt.virInterfaceLookupByName));

    public LibvirtInterface LookupInterfaceByMac(string mac) =>
        WrapInterface(Interop.Libvirt.virInterfaceLookupByMACString(_handle, mac), nameof(Interop.Libvirt.virInterfaceLookupByMACString));

    private LibvirtInterface WrapInterface(IntPtr iface, string function) =>
        new(SafeInterfaceHandle.Own(LibvirtCall.CheckPointer(iface, function), _handle));
}
