using WebVirt.Contracts;
using WebVirt.Data.Tests.Infrastructure;
using static WebVirt.Data.Tests.Infrastructure.Guests;

namespace WebVirt.Data.Tests;

public sealed class RecordGuestStateTests(MigratedDatabase database) : IClassFixture<MigratedDatabase>
{
    private InventoryStore Store => database.Store;

    [Fact]
    public async Task History_links_each_state_to_the_one_before_and_reads_newest_first()
    {
        var hostId = await RegisteredHostAsync();
        var uuid = Guid.NewGuid();

        await Store.RecordGuestStateAsync(Guest(hostId, uuid, GuestState.ShutOff, reason: "unknown"), "defined", "added", TestClock.At(1), CancellationToken.None);
        await Store.RecordGuestStateAsync(Guest(hostId, uuid, GuestState.Running), "started", "booted", TestClock.At(2), CancellationToken.None);
        await Store.RecordGuestStateAsync(Guest(hostId, uuid, GuestState.ShutOff, reason: "destroyed"), "stopped", "destroyed", TestClock.At(3), CancellationToken.None);

        var history = await Store.GetHistoryAsync(hostId, uuid.ToString(), 10, CancellationToken.None);

        Assert.Equal(
            [
                ("stopped", (GuestState?)GuestState.Running, GuestState.ShutOff, "destroyed", TestClock.At(3)),
                ("started", GuestState.ShutOff, GuestState.Running, "booted", TestClock.At(2)),
                ("defined", null, GuestState.ShutOff, "added", TestClock.At(1)),
            ],
            history.Select(c => (c.Event, c.FromState, c.ToState, c.Reason, c.At)));

        var row = (await database.GuestsAsync(hostId))[uuid];
        Assert.Equal((GuestState.ShutOff, "destroyed", TestClock.At(1), TestClock.At(3)), (row.State, row.StateReason, row.FirstSeenAt, row.LastSeenAt));
    }

    [Fact]
    public async Task History_take_returns_the_newest_and_breaks_timestamp_ties_by_write_order()
    {
        var hostId = await RegisteredHostAsync();
        var uuid = Guid.NewGuid();
        await Store.RecordGuestStateAsync(Guest(hostId, uuid, GuestState.Running), "started", "booted", TestClock.At(1), CancellationToken.None);
        await Store.RecordGuestStateAsync(Guest(hostId, uuid, GuestState.Paused), "suspended", "paused", TestClock.At(1), CancellationToken.None);
        await Store.RecordGuestStateAsync(Guest(hostId, uuid, GuestState.Running), "resumed", "unpaused", TestClock.At(1), CancellationToken.None);

        var history = await Store.GetHistoryAsync(hostId, uuid.ToString(), 2, CancellationToken.None);

        Assert.Equal(["resumed", "suspended"], history.Select(c => c.Event));
    }

    [Fact]
    public async Task A_time_with_a_local_offset_is_stored_as_the_same_instant()
    {
        var hostId = await RegisteredHostAsync();
        var uuid = Guid.NewGuid();
        var local = TestClock.At(1).ToOffset(TimeSpan.FromHours(2));

        await Store.RecordGuestStateAsync(Guest(hostId, uuid), "started", "booted", local, CancellationToken.None);

        var change = Assert.Single(await Store.GetHistoryAsync(hostId, uuid.ToString(), 10, CancellationToken.None));
        Assert.Equal(TestClock.At(1).UtcTicks, change.At.UtcTicks);
    }

    [Fact]
    public async Task MarkGuestRemoved_keeps_the_first_removal_and_a_later_event_brings_the_guest_back()
    {
        var hostId = await RegisteredHostAsync();
        var uuid = Guid.NewGuid();
        await Store.RecordGuestStateAsync(Guest(hostId, uuid), "started", "booted", TestClock.At(1), CancellationToken.None);

        await Store.MarkGuestRemovedAsync(hostId, uuid.ToString(), TestClock.At(2), CancellationToken.None);
        await Store.MarkGuestRemovedAsync(hostId, uuid.ToString(), TestClock.At(3), CancellationToken.None);
        Assert.Equal(TestClock.At(2), (await database.GuestsAsync(hostId))[uuid].RemovedAt);

        await Store.RecordGuestStateAsync(Guest(hostId, uuid), "started", "booted", TestClock.At(4), CancellationToken.None);
        Assert.Null((await database.GuestsAsync(hostId))[uuid].RemovedAt);
    }

    [Fact]
    public async Task Events_racing_to_insert_the_same_new_guest_are_all_recorded()
    {
        var hostId = await RegisteredHostAsync();
        var uuid = Guid.NewGuid();
        const int racers = 6;
        using var start = new ManualResetEventSlim();

        var writes = Enumerable.Range(0, racers)
            .Select(i => Task.Run(async () =>
            {
                start.Wait();
                await Store.RecordGuestStateAsync(Guest(hostId, uuid), "started", $"racer-{i}", TestClock.At(1), CancellationToken.None);
            }))
            .ToArray();
        start.Set();
        await Task.WhenAll(writes);

        Assert.Single(await database.GuestsAsync(hostId));
        var changes = await database.ChangesAsync(hostId);
        Assert.Equal(racers, changes.Count);
        Assert.Single(changes, c => c.FromState is null);
    }

    private async Task<string> RegisteredHostAsync()
    {
        var hostId = NewHostId();
        await Store.EnsureHostAsync(hostId, "hv", "10.0.0", "9.2.0", CancellationToken.None);
        return hostId;
    }
}
