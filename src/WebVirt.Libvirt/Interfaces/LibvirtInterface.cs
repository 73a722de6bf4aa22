namespace WebVirt.Libvirt.Interfaces;

// virInterfacePtr: a host network interface (NIC, bridge, bond, vlan).
public sealed class LibvirtInterface : IDisposable
{
    private readonly SafeInterfaceHandle _handle;

    internal unsafe LibvirtInterface(SafeInterfaceHandle handle)
    {
        _handle = handle;
        IntPtr raw = handle.DangerousGetHandle();
        Name = ObjectIdentity.Name(Interop.Libvirt.virInterfaceGetName(raw), nameof(Interop.Libvirt.virInterfaceGetName));
        MacAddress = ObjectIdentity.Name(Interop.Libvirt.virInterfaceGetMACString(raw), nameof(Interop.Libvirt.virInterfaceGetMACString));
    }

    public string Name { get; }

    public string MacAddress { get; }

    // The XML carries addresses, MTU, link state and, for a bridge, its member interfaces.
    public unsafe string GetXmlDesc(bool inactive = false) =>
        LibvirtCall.OwnedString(
            Interop.Libvirt.virInterfaceGetXMLDesc(_handle, inactive ? Interop.Libvirt.VIR_INTERFACE_XML_INACTIVE : 0),
            nameof(Interop.Libvirt.virInterfaceGetXMLDesc));

    public bool IsActive() => LibvirtCall.CheckBool(Interop.Libvirt.virInterfaceIsActive(_handle), nameof(Interop.Libvirt.virInterfaceIsActive));

    public void Dispose() => _handle.Dispose();
}
