using WebVirt.Contracts;
using WebVirt.Data.Tests.Infrastructure;
using static WebVirt.Data.Tests.Infrastructure.Guests;

namespace WebVirt.Data.Tests;

public sealed class SyncGuestsTests(MigratedDatabase database) : IClassFixture<MigratedDatabase>
{
    private InventoryStore Store => database.Store;

    [Fact]
    public async Task First_sync_inserts_every_guest_and_observes_each_once()
    {
        var hostId = await RegisteredHostAsync();
        var running = Guest(hostId, Guid.NewGuid(), GuestState.Running, vcpus: 2, memoryKiB: 1_048_576);
        var off = Guest(hostId, Guid.NewGuid(), GuestState.ShutOff, reason: "shutdown");

        await Store.SyncGuestsAsync(hostId, [running, off], TestClock.At(1), CancellationToken.None);

        var stored = await database.GuestsAsync(hostId);
        Assert.Equal(2, stored.Count);
        var row = stored[Guid.Parse(running.Uuid)];
        Assert.Equal((running.Name, GuestState.Running, "booted", 2, 1_048_576L), (row.Name, row.State, row.StateReason, row.VCpus, row.MemoryKiB));
        Assert.Equal((TestClock.At(1), TestClock.At(1), (DateTimeOffset?)null), (row.FirstSeenAt, row.LastSeenAt, row.RemovedAt));

        var changes = await database.ChangesAsync(hostId);
        Assert.Equal(2, changes.Count);
        Assert.All(changes, c => Assert.Equal((GuestStateChange.ObservedEvent, (GuestState?)null, TestClock.At(1)), (c.Event, c.FromState, c.At)));
        var offChange = Assert.Single(changes, c => c.Uuid == Guid.Parse(off.Uuid));
        Assert.Equal((GuestState.ShutOff, "shutdown", off.Name), (offChange.ToState, offChange.Reason, offChange.Name));
    }

    [Fact]
    public async Task Later_sync_updates_rows_marks_missing_removed_and_observes_only_changes()
    {
        var hostId = await RegisteredHostAsync();
        Guid unchanged = Guid.NewGuid(), changed = Guid.NewGuid(), vanished = Guid.NewGuid(), added = Guid.NewGuid();
        await Store.SyncGuestsAsync(
            hostId,
            [Guest(hostId, unchanged), Guest(hostId, changed), Guest(hostId, vanished)],
            TestClock.At(1),
            CancellationToken.None);

        await Store.SyncGuestsAsync(
            hostId,
            [
                Guest(hostId, unchanged, name: "renamed", vcpus: 4),
                Guest(hostId, changed, GuestState.Paused, reason: "user"),
                Guest(hostId, added, GuestState.ShutOff),
            ],
            TestClock.At(2),
            CancellationToken.None);

        var stored = await database.GuestsAsync(hostId);
        Assert.Equal(4, stored.Count);
        Assert.Equal(("renamed", 4, GuestState.Running), (stored[unchanged].Name, stored[unchanged].VCpus, stored[unchanged].State));
        Assert.Equal((TestClock.At(1), TestClock.At(2)), (stored[unchanged].FirstSeenAt, stored[unchanged].LastSeenAt));
        Assert.Equal(GuestState.Paused, stored[changed].State);
        Assert.Equal(TestClock.At(2), stored[vanished].RemovedAt);
        Assert.Equal(TestClock.At(1), stored[vanished].LastSeenAt);
        Assert.Null(stored[added].RemovedAt);

        var secondSync = (await database.ChangesAsync(hostId)).Where(c => c.At == TestClock.At(2)).ToList();
        Assert.Equal(2, secondSync.Count);
        var pause = Assert.Single(secondSync, c => c.Uuid == changed);
        Assert.Equal(((GuestState?)GuestState.Running, GuestState.Paused, "user"), (pause.FromState, pause.ToState, pause.Reason));
        var appeared = Assert.Single(secondSync, c => c.Uuid == added);
        Assert.Equal(((GuestState?)null, GuestState.ShutOff), (appeared.FromState, appeared.ToState));
        Assert.All(secondSync, c => Assert.Equal(GuestStateChange.ObservedEvent, c.Event));
    }

    [Fact]
    public async Task A_removed_guest_keeps_its_first_removal_time_and_clears_it_when_it_reappears()
    {
        var hostId = await RegisteredHostAsync();
        var uuid = Guid.NewGuid();
        await Store.SyncGuestsAsync(hostId, [Guest(hostId, uuid)], TestClock.At(1), CancellationToken.None);

        await Store.SyncGuestsAsync(hostId, [], TestClock.At(2), CancellationToken.None);
        await Store.SyncGuestsAsync(hostId, [], TestClock.At(3), CancellationToken.None);
        Assert.Equal(TestClock.At(2), (await database.GuestsAsync(hostId))[uuid].RemovedAt);

        await Store.SyncGuestsAsync(hostId, [Guest(hostId, uuid)], TestClock.At(4), CancellationToken.None);
        var row = (await database.GuestsAsync(hostId))[uuid];
        Assert.Null(row.RemovedAt);
        Assert.Equal(TestClock.At(4), row.LastSeenAt);
        Assert.Single(await database.ChangesAsync(hostId));
    }

    [Fact]
    public async Task A_sync_touches_only_its_own_hosts_guests()
    {
        var hostA = await RegisteredHostAsync();
        var hostB = await RegisteredHostAsync();
        var guestOfA = Guid.NewGuid();
        await Store.SyncGuestsAsync(hostA, [Guest(hostA, guestOfA)], TestClock.At(1), CancellationToken.None);

        await Store.SyncGuestsAsync(hostB, [Guest(hostB, Guid.NewGuid())], TestClock.At(2), CancellationToken.None);

        var rowOfA = (await database.GuestsAsync(hostA))[guestOfA];
        Assert.Null(rowOfA.RemovedAt);
        Assert.Equal(TestClock.At(1), rowOfA.LastSeenAt);
    }

    [Fact]
    public async Task A_list_carrying_another_hosts_guest_is_rejected_before_anything_is_written()
    {
        var hostId = await RegisteredHostAsync();
        var otherHost = await RegisteredHostAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => Store.SyncGuestsAsync(
            hostId, [Guest(hostId, Guid.NewGuid()), Guest(otherHost, Guid.NewGuid())], TestClock.At(1), CancellationToken.None));

        Assert.Empty(await database.GuestsAsync(hostId));
        Assert.Empty(await database.GuestsAsync(otherHost));
    }

    [Fact]
    public async Task Syncing_an_unregistered_host_says_so()
    {
        var hostId = NewHostId();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            Store.SyncGuestsAsync(hostId, [Guest(hostId, Guid.NewGuid())], TestClock.At(1), CancellationToken.None));
        Assert.Contains(hostId, error.Message, StringComparison.Ordinal);
    }

    private async Task<string> RegisteredHostAsync()
    {
        var hostId = NewHostId();
        await Store.EnsureHostAsync(hostId, "hv", "10.0.0", "9.2.0", CancellationToken.None);
        return hostId;
    }
}
