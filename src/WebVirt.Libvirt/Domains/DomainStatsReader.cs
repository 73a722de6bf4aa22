namespace WebVirt.Libvirt.Domains;

// Copies a virDomainStatsRecord list into managed records and frees it with
// virDomainStatsRecordListFree, which also releases the domains and strings inside.
internal static class DomainStatsReader
{
    internal static unsafe IReadOnlyList<DomainStatsRecord> ReadAndFree(Interop.Libvirt.virDomainStatsRecord** records, int count)
    {
        try
        {
            var result = new List<DomainStatsRecord>(count);
            for (int i = 0; i < count; i++)
            {
                Interop.Libvirt.virDomainStatsRecord* record = records[i];
                (string name, string uuid) = DomainIdentity.Read(record->dom);
                result.Add(new DomainStatsRecord(name, uuid, TypedParameters.Read(record->@params, record->nparams)));
            }

            return result;
        }
        finally
        {
            if (records != null)
            {
                Interop.Libvirt.virDomainStatsRecordListFree(records);
            }
        }
    }
}
