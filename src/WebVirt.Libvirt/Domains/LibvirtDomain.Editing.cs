using System.Runtime.InteropServices;
using WebVirt.Libvirt.Networks;

namespace WebVirt.Libvirt.Domains;

// Hardware and metadata edits for the guest page. Impact says whether an edit reaches the running
// guest, the persistent config, or both.
public sealed partial class LibvirtDomain
{
    private const uint VIR_DOMAIN_DEVICE_MODIFY_FORCE = 4;
    private const uint VIR_DOMAIN_VCPU_MAXIMUM = 4;
    private const uint VIR_DOMAIN_VCPU_GUEST = 8;
    private const uint VIR_DOMAIN_MEM_MAXIMUM = 4;
    private const uint VIR_DOMAIN_BLOCK_RESIZE_BYTES = 1;

    public void AttachDevice(string deviceXml, DomainModificationImpact impact = DomainModificationImpact.Current) =>
        LibvirtCall.Check(Interop.Libvirt.virDomainAttachDeviceFlags(_handle, deviceXml, (uint)impact), nameof(Interop.Libvirt.virDomainAttachDeviceFlags));

    public void DetachDevice(string deviceXml, DomainModificationImpact impact = DomainModificationImpact.Current) =>
        LibvirtCall.Check(Interop.Libvirt.virDomainDetachDeviceFlags(_handle, deviceXml, (uint)impact), nameof(Interop.Libvirt.virDomainDetachDeviceFlags));

    // force: eject a locked CD-ROM medium.
    public void UpdateDevice(string deviceXml, DomainModificationImpact impact = DomainModificationImpact.Current, bool force = false) =>
        LibvirtCall.Check(
            Interop.Libvirt.virDomainUpdateDeviceFlags(_handle, deviceXml, (uint)impact | (force ? VIR_DOMAIN_DEVICE_MODIFY_FORCE : 0)),
            nameof(Interop.Libvirt.virDomainUpdateDeviceFlags));

    // maximum: change the vCPU limit (config only) instead of the count; guest: ask the guest agent.
    public void SetVcpus(uint count, DomainModificationImpact impact = DomainModificationImpact.Current, bool maximum = false, bool guest = false) =>
        LibvirtCall.Check(
            Interop.Libvirt.virDomainSetVcpusFlags(
                _handle, count, (uint)impact | (maximum ? VIR_DOMAIN_VCPU_MAXIMUM : 0) | (guest ? VIR_DOMAIN_VCPU_GUEST : 0)),
            nameof(Interop.Libvirt.virDomainSetVcpusFlags));

    // The current (balloon) memory, or with maximum the maximum memory.
    public void SetMemory(ulong kibibytes, DomainModificationImpact impact = DomainModificationImpact.Current, bool maximum = false) =>
        LibvirtCall.Check(
            Interop.Libvirt.virDomainSetMemoryFlags(_handle, new CULong(checked((nuint)kibibytes)), (uint)impact | (maximum ? VIR_DOMAIN_MEM_MAXIMUM : 0)),
            nameof(Interop.Libvirt.virDomainSetMemoryFlags));

    public void SetMaxMemory(ulong kibibytes) =>
        LibvirtCall.Check(Interop.Libvirt.virDomainSetMaxMemory(_handle, new CULong(checked((nuint)kibibytes))), nameof(Interop.Libvirt.virDomainSetMaxMemory));

    // disk is the target (vda) or the source path. Libvirt's default unit is KiB; this API takes bytes.
    public void BlockResize(string disk, ulong sizeBytes) =>
        LibvirtCall.Check(Interop.Libvirt.virDomainBlockResize(_handle, disk, sizeBytes, VIR_DOMAIN_BLOCK_RESIZE_BYTES), nameof(Interop.Libvirt.virDomainBlockResize));

    public DomainBlockInfo GetBlockInfo(string disk)
    {
        LibvirtCall.Check(Interop.Libvirt.virDomainGetBlockInfo(_handle, disk, out Interop.Libvirt.virDomainBlockInfo info, 0), nameof(Interop.Libvirt.virDomainGetBlockInfo));
        return new DomainBlockInfo(info.capacity, info.allocation, info.physical);
    }

    public unsafe DomainInterfaceStats GetInterfaceStats(string device)
    {
        LibvirtCall.Check(
            Interop.Libvirt.virDomainInterfaceStats(_handle, device, out Interop.Libvirt.virDomainInterfaceStatsStruct s, (nuint)sizeof(Interop.Libvirt.virDomainInterfaceStatsStruct)),
            nameof(Interop.Libvirt.virDomainInterfaceStats));
        return new DomainInterfaceStats(s.rx_bytes, s.rx_packets, s.rx_errs, s.rx_drop, s.tx_bytes, s.tx_packets, s.tx_errs, s.tx_drop);
    }

    public unsafe DomainBlockStats GetBlockStats(string disk)
    {
        LibvirtCall.Check(
            Interop.Libvirt.virDomainBlockStats(_handle, disk, out Interop.Libvirt.virDomainBlockStatsStruct s, (nuint)sizeof(Interop.Libvirt.virDomainBlockStatsStruct)),
            nameof(Interop.Libvirt.virDomainBlockStats));
        return new DomainBlockStats(s.rd_req, s.rd_bytes, s.wr_req, s.wr_bytes, s.errs);
    }

    /// <summary>
    /// Sets the title, the description, or (Element) an XML element of our own under
    /// &lt;metadata&gt;, identified by namespace <paramref name="uri"/> and written with prefix
    /// <paramref name="key"/>. A null <paramref name="metadata"/> removes it.
    /// </summary>
    public void SetMetadata(
        DomainMetadataType type, string? metadata, string? key = null, string? uri = null, DomainModificationImpact impact = DomainModificationImpact.Current) =>
        LibvirtCall.Check(Interop.Libvirt.virDomainSetMetadata(_handle, (int)type, metadata, key, uri, (uint)impact), nameof(Interop.Libvirt.virDomainSetMetadata));

    // Null when the domain has no such metadata.
    public unsafe string? GetMetadata(DomainMetadataType type, string? uri = null, DomainModificationImpact impact = DomainModificationImpact.Current)
    {
        byte* value = Interop.Libvirt.virDomainGetMetadata(_handle, (int)type, uri, (uint)impact);
        if (value != null)
        {
            return Interop.Libvirt.TakeOwnedString(value);
        }

        LibvirtException error = LibvirtException.FromLastError(nameof(Interop.Libvirt.virDomainGetMetadata));
        return error.Code == LibvirtErrorCodes.NoDomainMetadata ? null : throw error;
    }

    /// <summary>The guest's interfaces and addresses as the DHCP leases, the guest agent or the host's ARP table know them.</summary>
    public unsafe IReadOnlyList<DomainInterfaceAddresses> GetInterfaceAddresses(InterfaceAddressSource source)
    {
        Interop.Libvirt.virDomainInterface** interfaces = null;
        int count = Interop.Libvirt.virDomainInterfaceAddresses(_handle, &interfaces, (uint)source, 0);
        LibvirtCall.Check(count, nameof(Interop.Libvirt.virDomainInterfaceAddresses));
        try
        {
            var result = new List<DomainInterfaceAddresses>(count);
            for (int i = 0; i < count; i++)
            {
                Interop.Libvirt.virDomainInterface* iface = interfaces[i];
                var addresses = new List<DomainIpAddress>((int)iface->naddrs);
                for (int a = 0; a < iface->naddrs; a++)
                {
                    Interop.Libvirt.virDomainIPAddress* address = &iface->addrs[a];
                    addresses.Add(new DomainIpAddress((IpAddressType)address->type, Interop.Libvirt.BorrowString(address->addr) ?? string.Empty, address->prefix));
                }

                result.Add(new DomainInterfaceAddresses(
                    Interop.Libvirt.BorrowString(iface->name) ?? string.Empty, Interop.Libvirt.BorrowString(iface->hwaddr), addresses));
            }

            return result;
        }
        finally
        {
            if (interfaces != null)
            {
                for (int i = 0; i < count; i++)
                {
                    Interop.Libvirt.virDomainInterfaceFree(interfaces[i]);
                }

                System.Runtime.InteropServices.NativeMemory.Free(interfaces);
            }
        }
    }
}
