using System.Xml.Linq;
using WebVirt.Libvirt.Domains;

namespace WebVirt.Libvirt.Connection;

// Migration from the destination's side: the client-managed variant, and the checks before one.
public sealed partial class LibvirtConnection
{
    /// <summary>
    /// virDomainMigrate3: moves <paramref name="domain"/> (of another connection) to this connection's
    /// host, with this process talking to both daemons; returns the guest on this host. Blocks until
    /// the migration ends (see LibvirtDomain.MigrateToUri); a failure throws a LibvirtException.
    /// </summary>
    public LibvirtDomain MigrateHere(LibvirtDomain domain, MigrationParameters parameters, MigrationFlags flags)
    {
        using TypedParameterList list = parameters.ToTypedParameters();
        IntPtr migrated;
        unsafe
        {
            migrated = Interop.Libvirt.virDomainMigrate3(domain.Handle, _handle, list.Pointer, (uint)list.Count, (uint)flags);
        }

        return Wrap(migrated, nameof(Interop.Libvirt.virDomainMigrate3));
    }

    /// <summary>
    /// virConnectCompareHypervisorCPU: whether this host's hypervisor can provide the CPU a guest
    /// describes (a &lt;cpu&gt; element, see LibvirtDomain.GetCpuXml) for the given virtualization type
    /// ("kvm", "qemu" for emulation; null: the hypervisor's default), arch and machine.
    /// </summary>
    public CpuCompareResult CompareHypervisorCpu(string cpuXml, string? virtType = null, string? arch = null, string? machine = null, string? emulator = null)
    {
        int result = Interop.Libvirt.virConnectCompareHypervisorCPU(_handle, emulator, arch, machine, virtType, cpuXml, 0);
        LibvirtCall.Check(result, nameof(Interop.Libvirt.virConnectCompareHypervisorCPU));
        return (CpuCompareResult)result;
    }

    /// <summary>virConnectCompareCPU: the CPU against the host's physical CPU, whatever the hypervisor can do.</summary>
    public CpuCompareResult CompareCpu(string cpuXml)
    {
        int result = Interop.Libvirt.virConnectCompareCPU(_handle, cpuXml, 0);
        LibvirtCall.Check(result, nameof(Interop.Libvirt.virConnectCompareCPU));
        return (CpuCompareResult)result;
    }

    /// <summary>The host's UUID, architecture and CPU model from its capabilities.</summary>
    public HostIdentity GetHostIdentity()
    {
        XElement host = XDocument.Parse(GetCapabilities()).Root?.Element("host")
            ?? throw new InvalidOperationException("the capabilities have no <host> element");
        XElement? cpu = host.Element("cpu");
        return new HostIdentity(
            host.Element("uuid")?.Value ?? throw new InvalidOperationException("the capabilities name no host UUID"),
            cpu?.Element("arch")?.Value ?? throw new InvalidOperationException("the capabilities name no host architecture"),
            cpu?.Element("model")?.Value);
    }
}
