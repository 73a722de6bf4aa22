using WebVirt.Libvirt.Domains;

namespace WebVirt.Libvirt.Connection;

public sealed partial class LibvirtConnection
{
    public unsafe IReadOnlyDictionary<string, ulong> GetNodeMemoryStats()
    {
        int count = 0;
        Check(
            Interop.Libvirt.virNodeGetMemoryStats(_handle, Interop.Libvirt.VIR_NODE_MEMORY_STATS_ALL_CELLS, null, ref count, 0),
            nameof(Interop.Libvirt.virNodeGetMemoryStats));

        var stats = new Interop.Libvirt.virNodeMemoryStats[count];
        fixed (Interop.Libvirt.virNodeMemoryStats* buffer = stats)
        {
            Check(
                Interop.Libvirt.virNodeGetMemoryStats(_handle, Interop.Libvirt.VIR_NODE_MEMORY_STATS_ALL_CELLS, buffer, ref count, 0),
                nameof(Interop.Libvirt.virNodeGetMemoryStats));

            var result = new Dictionary<string, ulong>(count, StringComparer.Ordinal);
            for (int i = 0; i < count; i++)
            {
                result[Interop.Libvirt.BorrowString(buffer[i].field) ?? string.Empty] = buffer[i].value;
            }

            return result;
        }
    }

    public unsafe IReadOnlyList<DomainStatsRecord> GetAllDomainStats(DomainStatsTypes stats)
    {
        Interop.Libvirt.virDomainStatsRecord** records = null;
        int count = Interop.Libvirt.virConnectGetAllDomainStats(_handle, (uint)stats, &records, 0);
        if (count < 0)
        {
            throw LibvirtException.FromLastError(nameof(Interop.Libvirt.virConnectGetAllDomainStats));
        }

        return DomainStatsReader.ReadAndFree(records, count);
    }

    public unsafe IReadOnlyList<DomainStatsRecord> GetDomainStats(IReadOnlyList<LibvirtDomain> domains, DomainStatsTypes stats)
    {
        ArgumentNullException.ThrowIfNull(domains);
        if (domains.Count == 0)
        {
            return [];
        }

        // libvirt wants a NULL-terminated array; each handle is pinned by a reference for the call.
        IntPtr[] pointers = new IntPtr[domains.Count + 1];
        int referenced = 0;
        try
        {
            for (; referenced < domains.Count; referenced++)
            {
                bool added = false;
                domains[referenced].Handle.DangerousAddRef(ref added);
                pointers[referenced] = domains[referenced].Handle.DangerousGetHandle();
            }

            Interop.Libvirt.virDomainStatsRecord** records = null;
            int count;
            fixed (IntPtr* array = pointers)
            {
                count = Interop.Libvirt.virDomainListGetStats(array, (uint)stats, &records, 0);
            }

            if (count < 0)
            {
                throw LibvirtException.FromLastError(nameof(Interop.Libvirt.virDomainListGetStats));
            }

            return DomainStatsReader.ReadAndFree(records, count);
        }
        finally
        {
            for (int i = 0; i < referenced; i++)
            {
                domains[i].Handle.DangerousRelease();
            }
        }
    }
}
