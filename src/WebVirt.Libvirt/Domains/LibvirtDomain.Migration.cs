using System.Xml.Linq;

namespace WebVirt.Libvirt.Domains;

// Migration from the source's side. The migrate calls block the calling thread until the guest runs
// on the destination or the migration failed (seconds for a small guest, minutes for a large one or
// a slow link): run them on a thread of their own, never on a dispatcher thread. Job statistics,
// abort and speed changes for the same domain may be called from other threads meanwhile.
// LibvirtConnection.MigrateHere is the client-managed variant.
public sealed partial class LibvirtDomain
{
    /// <summary>
    /// virDomainMigrateToURI3. With MigrationFlags.PeerToPeer the source libvirtd itself connects to
    /// <paramref name="destinationUri"/> (a URI as the source daemon sees it), so this process needs
    /// no connection to the destination. Blocks until the migration ends; a failure or an AbortJob
    /// throws a LibvirtException (VIR_ERR_OPERATION_ABORTED after an abort) and leaves the guest on
    /// the source.
    /// </summary>
    public void MigrateToUri(string destinationUri, MigrationParameters parameters, MigrationFlags flags)
    {
        using TypedParameterList list = parameters.ToTypedParameters();
        unsafe
        {
            LibvirtCall.Check(
                Interop.Libvirt.virDomainMigrateToURI3(_handle, destinationUri, list.Pointer, (uint)list.Count, (uint)flags),
                nameof(Interop.Libvirt.virDomainMigrateToURI3));
        }
    }

    /// <summary>The running job's statistics, or with <paramref name="completed"/> the last finished job's.</summary>
    public unsafe DomainJobStats GetJobStats(bool completed = false)
    {
        Interop.Libvirt.virTypedParameter* parameters = null;
        uint flags = completed ? Interop.Libvirt.VIR_DOMAIN_JOB_STATS_COMPLETED : 0;
        LibvirtCall.Check(
            Interop.Libvirt.virDomainGetJobStats(_handle, out int type, &parameters, out int count, flags),
            nameof(Interop.Libvirt.virDomainGetJobStats));
        return new DomainJobStats((DomainJobType)type, TypedParameters.ReadAndFree(parameters, count));
    }

    /// <summary>Aborts the running job; a migration in progress fails on its caller's thread and the guest stays here.</summary>
    public void AbortJob() => LibvirtCall.Check(Interop.Libvirt.virDomainAbortJob(_handle), nameof(Interop.Libvirt.virDomainAbortJob));

    /// <summary>The migration bandwidth limit in MiB/s, also while a migration runs.</summary>
    public void SetMigrationMaxSpeed(ulong mebibytesPerSecond) =>
        LibvirtCall.Check(
            Interop.Libvirt.virDomainMigrateSetMaxSpeed(_handle, new System.Runtime.InteropServices.CULong(checked((nuint)mebibytesPerSecond)), 0),
            nameof(Interop.Libvirt.virDomainMigrateSetMaxSpeed));

    public ulong GetMigrationMaxSpeed()
    {
        LibvirtCall.Check(Interop.Libvirt.virDomainMigrateGetMaxSpeed(_handle, out System.Runtime.InteropServices.CULong speed, 0), nameof(Interop.Libvirt.virDomainMigrateGetMaxSpeed));
        return speed.Value;
    }

    /// <summary>
    /// The &lt;cpu&gt; element of the guest's definition (live, or with <paramref name="inactive"/>
    /// the stored one), for LibvirtConnection.CompareHypervisorCpu on a destination; null when the
    /// definition has none.
    /// </summary>
    public string? GetCpuXml(bool inactive = false) =>
        XDocument.Parse(GetXmlDesc(inactive)).Root?.Element("cpu")?.ToString();

    /// <summary>
    /// The definition as a destination may be given it (<c>VIR_DOMAIN_XML_MIGRATABLE</c>, with secrets):
    /// the base for MigrationParameters.DestinationXml when the destination changes something, such as
    /// where a copied disk lives.
    /// </summary>
    public unsafe string GetMigratableXml() =>
        Interop.Libvirt.TakeOwnedString(Interop.Libvirt.virDomainGetXMLDesc(_handle, Interop.Libvirt.VIR_DOMAIN_XML_MIGRATABLE | Interop.Libvirt.VIR_DOMAIN_XML_SECURE))
            ?? throw LibvirtException.FromLastError(nameof(Interop.Libvirt.virDomainGetXMLDesc));
}
