namespace WebVirt.Libvirt.Networks;

public sealed class LibvirtNetwork : IDisposable
{
    private readonly SafeNetworkHandle _handle;

    internal unsafe LibvirtNetwork(SafeNetworkHandle handle)
    {
        _handle = handle;
        IntPtr raw = handle.DangerousGetHandle();
        Name = ObjectIdentity.Name(Interop.Libvirt.virNetworkGetName(raw), nameof(Interop.Libvirt.virNetworkGetName));
        Uuid = ObjectIdentity.Uuid(raw, &Interop.Libvirt.virNetworkGetUUIDString, nameof(Interop.Libvirt.virNetworkGetUUIDString));
    }

    public string Name { get; }

    public string Uuid { get; }

    public unsafe string GetXmlDesc(bool inactive = false) =>
        LibvirtCall.OwnedString(
            Interop.Libvirt.virNetworkGetXMLDesc(_handle, inactive ? Interop.Libvirt.VIR_NETWORK_XML_INACTIVE : 0),
            nameof(Interop.Libvirt.virNetworkGetXMLDesc));

    public unsafe string GetBridgeName() =>
        LibvirtCall.OwnedString(Interop.Libvirt.virNetworkGetBridgeName(_handle), nameof(Interop.Libvirt.virNetworkGetBridgeName));

    // Starts a defined network.
    public void Create() => LibvirtCall.Check(Interop.Libvirt.virNetworkCreate(_handle), nameof(Interop.Libvirt.virNetworkCreate));

    // Stops the network; a transient one is gone afterwards.
    public void Destroy() => LibvirtCall.Check(Interop.Libvirt.virNetworkDestroy(_handle), nameof(Interop.Libvirt.virNetworkDestroy));

    public void Undefine() => LibvirtCall.Check(Interop.Libvirt.virNetworkUndefine(_handle), nameof(Interop.Libvirt.virNetworkUndefine));

    public bool GetAutostart()
    {
        LibvirtCall.Check(Interop.Libvirt.virNetworkGetAutostart(_handle, out int autostart), nameof(Interop.Libvirt.virNetworkGetAutostart));
        return autostart != 0;
    }

    public void SetAutostart(bool on) =>
        LibvirtCall.Check(Interop.Libvirt.virNetworkSetAutostart(_handle, on ? 1 : 0), nameof(Interop.Libvirt.virNetworkSetAutostart));

    public bool IsActive() => LibvirtCall.CheckBool(Interop.Libvirt.virNetworkIsActive(_handle), nameof(Interop.Libvirt.virNetworkIsActive));

    public bool IsPersistent() => LibvirtCall.CheckBool(Interop.Libvirt.virNetworkIsPersistent(_handle), nameof(Interop.Libvirt.virNetworkIsPersistent));

    /// <summary>The leases dnsmasq has handed out on this network, optionally only those of one MAC.</summary>
    public unsafe IReadOnlyList<NetworkDhcpLease> GetDhcpLeases(string? mac = null)
    {
        Interop.Libvirt.virNetworkDHCPLease** leases = null;
        int count = Interop.Libvirt.virNetworkGetDHCPLeases(_handle, mac, &leases, 0);
        LibvirtCall.Check(count, nameof(Interop.Libvirt.virNetworkGetDHCPLeases));
        try
        {
            var result = new List<NetworkDhcpLease>(count);
            for (int i = 0; i < count; i++)
            {
                Interop.Libvirt.virNetworkDHCPLease* lease = leases[i];
                result.Add(new NetworkDhcpLease(
                    Interop.Libvirt.BorrowString(lease->iface) ?? string.Empty,
                    lease->expirytime,
                    (IpAddressType)lease->type,
                    Interop.Libvirt.BorrowString(lease->mac),
                    Interop.Libvirt.BorrowString(lease->iaid),
                    Interop.Libvirt.BorrowString(lease->ipaddr) ?? string.Empty,
                    lease->prefix,
                    Interop.Libvirt.BorrowString(lease->hostname),
                    Interop.Libvirt.BorrowString(lease->clientid)));
            }

            return result;
        }
        finally
        {
            if (leases != null)
            {
                for (int i = 0; i < count; i++)
                {
                    Interop.Libvirt.virNetworkDHCPLeaseFree(leases[i]);
                }

                System.Runtime.InteropServices.NativeMemory.Free(leases);
            }
        }
    }

    /// <summary>
    /// Edits one section of the network in place, e.g. adds a static DHCP host
    /// (<c>&lt;host mac=... ip=.../&gt;</c>, section IpDhcpHost, parentIndex the &lt;ip&gt;
    /// element's index or -1 for the first matching one).
    /// </summary>
    public void Update(NetworkUpdateCommand command, NetworkUpdateSection section, int parentIndex, string xml, NetworkUpdateFlags flags = NetworkUpdateFlags.Current) =>
        LibvirtCall.Check(
            Interop.Libvirt.virNetworkUpdate(_handle, (uint)command, (uint)section, parentIndex, xml, (uint)flags),
            nameof(Interop.Libvirt.virNetworkUpdate));

    public void Dispose() => _handle.Dispose();
}
