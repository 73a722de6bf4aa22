using WebVirt.Libvirt.Networks;

namespace WebVirt.Libvirt.Connection;

public sealed partial class LibvirtConnection
{
    public unsafe IReadOnlyList<LibvirtNetwork> ListAllNetworks(NetworkListFlags flags = NetworkListFlags.None)
    {
        IntPtr* networks = null;
        int count = Interop.Libvirt.virConnectListAllNetworks(_handle, &networks, (uint)flags);
        LibvirtCall.Check(count, nameof(Interop.Libvirt.virConnectListAllNetworks));
        return NativeList.WrapAndFree(networks, count, n => new LibvirtNetwork(SafeNetworkHandle.Own(n, _handle)), static n => _ = Interop.Libvirt.virNetworkFree(n));
    }

    public LibvirtNetwork LookupNetworkByName(string name) =>
        WrapNetwork(Interop.Libvirt.virNetworkLookupByName(_handle, name), nameof(Interop.Libvirt.virNetworkLookupByName));

    public LibvirtNetwork LookupNetworkByUuid(string uuid) =>
        WrapNetwork(Interop.Libvirt.virNetworkLookupByUUIDString(_handle, uuid), nameof(Interop.Libvirt.virNetworkLookupByUUIDString));

    // Persistent and inactive: Create it next. validate checks the XML against libvirt's schema.
    public LibvirtNetwork DefineNetworkXml(string xml, bool validate = false) =>
        WrapNetwork(Interop.Libvirt.virNetworkDefineXMLFlags(_handle, xml, validate ? 1u : 0u), nameof(Interop.Libvirt.virNetworkDefineXMLFlags));

    // Transient and running: gone after Destroy.
    public LibvirtNetwork CreateNetworkXml(string xml, bool validate = false) =>
        WrapNetwork(Interop.Libvirt.virNetworkCreateXMLFlags(_handle, xml, validate ? 1u : 0u), nameof(Interop.Libvirt.virNetworkCreateXMLFlags));

    private LibvirtNetwork WrapNetwork(IntPtr network, string function) =>
        new(SafeNetworkHandle.Own(LibvirtCall.CheckPointer(network, function), _handle));
}
