using WebVirt.Contracts;

namespace WebVirt.Data;

/// <summary>Copies what libvirt reported into a stored guest row.</summary>
internal static class GuestRecordUpdate
{
    public static GuestRecord NewRecord(string hostId, Guid uuid, DateTimeOffset atUtc) =>
        new() { HostId = hostId, Uuid = uuid, FirstSeenAt = atUtc, LastSeenAt = atUtc };

    public static void Apply(GuestRecord record, GuestInfo guest, DateTimeOffset atUtc)
    {
        record.Name = guest.Name;
        record.State = guest.State;
        record.StateReason = guest.StateReason;
        record.VCpus = guest.VCpus;
        record.MemoryKiB = guest.MemoryKiB;
        record.Autostart = guest.Autostart;
        record.Persistent = guest.Persistent;
        // An event delivered late must not move "last seen" backwards past a sync that already ran.
        if (atUtc > record.LastSeenAt)
        {
            record.LastSeenAt = atUtc;
        }

        // libvirt reporting the guest means it exists again (a transient guest re-created with the same UUID).
        record.RemovedAt = null;
    }
}
