using Microsoft.EntityFrameworkCore;
using WebVirt.Contracts;

namespace WebVirt.Data;

/// <summary>
/// The agent's view of its host in PostgreSQL. A singleton: every call takes its own short-lived context from the
/// pool, so callers on the libvirt event thread and the periodic sync never share a change tracker.
/// </summary>
public sealed class InventoryStore(IDbContextFactory<AgentDbContext> contextFactory, TimeProvider timeProvider)
{
    public Task<HostRecord> EnsureHostAsync(
        string hostId, string hostname, string libvirtVersion, string hypervisorVersion, CancellationToken ct)
    {
        ValidateHostId(hostId);
        ArgumentNullException.ThrowIfNull(hostname);
        ArgumentNullException.ThrowIfNull(libvirtVersion);
        ArgumentNullException.ThrowIfNull(hypervisorVersion);

        return StoreWrite.RunAsync(hostId, async token =>
        {
            await using var db = await contextFactory.CreateDbContextAsync(token);
            var now = StoredTime.From(timeProvider.GetUtcNow());
            var host = await db.Hosts.SingleOrDefaultAsync(h => h.HostId == hostId, token);
            if (host is null)
            {
                host = new HostRecord { HostId = hostId, FirstSeenAt = now };
                db.Hosts.Add(host);
            }

            host.Hostname = hostname;
            host.LibvirtVersion = libvirtVersion;
            host.HypervisorVersion = hypervisorVersion;
            host.LastSeenAt = now;
            await db.SaveChangesAsync(token);
            return host;
        }, ct);
    }

    public async Task<bool> GetUseEmulationAsync(string hostId, CancellationToken ct)
    {
        ValidateHostId(hostId);
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        var useEmulation = await db.Hosts
            .Where(h => h.HostId == hostId)
            .Select(h => (bool?)h.UseEmulation)
            .SingleOrDefaultAsync(ct);
        return useEmulation ?? throw StoreWrite.HostNotRegistered(hostId, inner: null);
    }

    public async Task SetUseEmulationAsync(string hostId, bool useEmulation, CancellationToken ct)
    {
        ValidateHostId(hostId);
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        var updated = await db.Hosts
            .Where(h => h.HostId == hostId)
            .ExecuteUpdateAsync(s => s.SetProperty(h => h.UseEmulation, useEmulation), ct);
        if (updated == 0)
        {
            throw StoreWrite.HostNotRegistered(hostId, inner: null);
        }
    }

    public Task SyncGuestsAsync(string hostId, IReadOnlyList<GuestInfo> guests, DateTimeOffset at, CancellationToken ct)
    {
        ValidateHostId(hostId);
        var listed = GuestList.IndexByUuid(hostId, guests);
        var atUtc = StoredTime.From(at);

        return StoreWrite.RunAsync(hostId, async token =>
        {
            await using var db = await contextFactory.CreateDbContextAsync(token);
            var stored = await db.Guests.Where(g => g.HostId == hostId).ToDictionaryAsync(g => g.Uuid, token);

            foreach (var (uuid, guest) in listed)
            {
                if (!stored.TryGetValue(uuid, out var record))
                {
                    record = GuestRecordUpdate.NewRecord(hostId, uuid, atUtc);
                    db.Guests.Add(record);
                    db.StateChanges.Add(Change(record, guest, fromState: null, GuestStateChange.ObservedEvent, guest.StateReason, atUtc));
                }
                else if (record.State != guest.State)
                {
                    db.StateChanges.Add(Change(record, guest, record.State, GuestStateChange.ObservedEvent, guest.StateReason, atUtc));
                }

                GuestRecordUpdate.Apply(record, guest, atUtc);
            }

            foreach (var record in stored.Values)
            {
                if (record.RemovedAt is null && !listed.ContainsKey(record.Uuid))
                {
                    record.RemovedAt = atUtc;
                }
            }

            await db.SaveChangesAsync(token);
        }, ct);
    }

    public Task RecordGuestStateAsync(GuestInfo guest, string eventName, string reason, DateTimeOffset at, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(guest);
        ValidateHostId(guest.HostId);
        ArgumentException.ThrowIfNullOrWhiteSpace(eventName);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(eventName.Length, GuestStateChange.EventMaxLength, nameof(eventName));
        ArgumentNullException.ThrowIfNull(reason);
        var uuid = GuestList.ParseUuid(guest.Uuid, nameof(guest));
        var atUtc = StoredTime.From(at);

        return StoreWrite.RunAsync(guest.HostId, async token =>
        {
            await using var db = await contextFactory.CreateDbContextAsync(token);
            var record = await db.Guests.SingleOrDefaultAsync(g => g.HostId == guest.HostId && g.Uuid == uuid, token);
            GuestState? fromState = record?.State;
            if (record is null)
            {
                record = GuestRecordUpdate.NewRecord(guest.HostId, uuid, atUtc);
                db.Guests.Add(record);
            }

            db.StateChanges.Add(Change(record, guest, fromState, eventName, reason, atUtc));
            GuestRecordUpdate.Apply(record, guest, atUtc);
            await db.SaveChangesAsync(token);
        }, ct);
    }

    public async Task MarkGuestRemovedAsync(string hostId, string uuid, DateTimeOffset at, CancellationToken ct)
    {
        ValidateHostId(hostId);
        var key = GuestList.ParseUuid(uuid, nameof(uuid));
        var atUtc = StoredTime.From(at);
        await using var db = await contextFactory.CreateDbContextAsync(ct);

        // Keeps the first removal time when a sync already noticed the guest was gone.
        await db.Guests
            .Where(g => g.HostId == hostId && g.Uuid == key && g.RemovedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(g => g.RemovedAt, atUtc), ct);
    }

    public async Task<IReadOnlyList<GuestStateChange>> GetHistoryAsync(string hostId, string uuid, int take, CancellationToken ct)
    {
        ValidateHostId(hostId);
        var key = GuestList.ParseUuid(uuid, nameof(uuid));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(take);
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        return await db.StateChanges
            .AsNoTracking()
            .Where(c => c.HostId == hostId && c.Uuid == key)
            // Id breaks ties between changes recorded with the same timestamp, in the order they were written.
            .OrderByDescending(c => c.At)
            .ThenByDescending(c => c.Id)
            .Take(take)
            .ToListAsync(ct);
    }

    private static GuestStateChange Change(
        GuestRecord record, GuestInfo guest, GuestState? fromState, string eventName, string reason, DateTimeOffset atUtc) =>
        new()
        {
            HostId = record.HostId,
            Uuid = record.Uuid,
            Name = guest.Name,
            FromState = fromState,
            ToState = guest.State,
            Event = eventName,
            Reason = reason,
            At = atUtc,
        };

    internal static void ValidateHostId(string hostId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(hostId);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(hostId.Length, HostRecord.HostIdMaxLength, nameof(hostId));
    }
}
