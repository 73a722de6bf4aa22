using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WebVirt.Contracts;
using WebVirt.Data.Tests.Infrastructure;
using static WebVirt.Data.Tests.Infrastructure.Guests;

namespace WebVirt.Data.Tests;

/// <summary>A migrated guest's notes and history follow it to the destination host, once.</summary>
public sealed class GuestNotesMoveTests(MigratedDatabase database) : IClassFixture<MigratedDatabase>
{
    private readonly ManualTimeProvider _clock = new(TestClock.At(10));

    private GuestNotesStore Notes => new(database.Services.GetRequiredService<IDbContextFactory<AgentDbContext>>(), _clock);

    [Fact]
    public async Task Notes_move_to_the_destination_with_the_history_before_the_guest_arrived_and_a_second_move_changes_nothing()
    {
        var (hostA, hostB, uuid) = await MigratedGuestAsync();
        await database.Store.RecordGuestStateAsync(Guest(hostA, uuid, GuestState.Paused), "suspended", "migration", TestClock.At(3), CancellationToken.None);
        await Notes.SaveAsync(hostA, uuid, "web server", ["prod", "web"], "alice", CancellationToken.None);

        var moved = await Notes.MoveAsync(hostA, hostB, uuid, CancellationToken.None);

        Assert.Equal((true, false, 2), (moved!.NotesMoved, moved.DestinationNotesKept, moved.HistoryCopied));
        Assert.Null(await Notes.GetAsync(hostA, uuid, CancellationToken.None));
        var onB = await Notes.GetAsync(hostB, uuid, CancellationToken.None);
        Assert.Equal(("web server", "alice", TestClock.At(10)), (onB!.Description, onB.UpdatedBy, onB.UpdatedAt));
        Assert.Equal(["prod", "web"], onB.Tags);
        var history = await database.Store.GetHistoryAsync(hostB, uuid.ToString(), 10, CancellationToken.None);
        Assert.Equal([(TestClock.At(5), "observed"), (TestClock.At(3), "suspended"), (TestClock.At(1), "observed")], history.Select(c => (c.At, c.Event)));
        Assert.Equal(2, (await database.Store.GetHistoryAsync(hostA, uuid.ToString(), 10, CancellationToken.None)).Count);

        var again = await Notes.MoveAsync(hostA, hostB, uuid, CancellationToken.None);

        Assert.False(again!.ChangedAnything);
        Assert.Equal(3, (await database.Store.GetHistoryAsync(hostB, uuid.ToString(), 10, CancellationToken.None)).Count);
        Assert.Equal("web server", (await Notes.GetAsync(hostB, uuid, CancellationToken.None))!.Description);
    }

    [Fact]
    public async Task Notes_the_destination_already_has_are_kept_and_the_source_copy_goes()
    {
        var (hostA, hostB, uuid) = await MigratedGuestAsync();
        await Notes.SaveAsync(hostA, uuid, "old", ["a"], "alice", CancellationToken.None);
        await Notes.SaveAsync(hostB, uuid, "newer", ["b"], "bob", CancellationToken.None);

        var moved = await Notes.MoveAsync(hostA, hostB, uuid, CancellationToken.None);

        Assert.Equal((false, true), (moved!.NotesMoved, moved.DestinationNotesKept));
        Assert.Equal(("newer", "bob"), (moved.Notes!.Description, moved.Notes.UpdatedBy));
        Assert.Equal("newer", (await Notes.GetAsync(hostB, uuid, CancellationToken.None))!.Description);
        Assert.Null(await Notes.GetAsync(hostA, uuid, CancellationToken.None));
    }

    [Fact]
    public async Task Nothing_moves_while_the_destination_has_no_record_of_the_guest()
    {
        var (hostA, hostB, _) = await MigratedGuestAsync();
        var elsewhere = Guid.NewGuid();
        await database.Store.SyncGuestsAsync(hostA, [Guest(hostA, elsewhere)], TestClock.At(6), CancellationToken.None);
        await Notes.SaveAsync(hostA, elsewhere, "stays", [], "alice", CancellationToken.None);

        Assert.Null(await Notes.MoveAsync(hostA, hostB, elsewhere, CancellationToken.None));
        Assert.Equal("stays", (await Notes.GetAsync(hostA, elsewhere, CancellationToken.None))!.Description);
        Assert.Empty(await database.Store.GetHistoryAsync(hostB, elsewhere.ToString(), 10, CancellationToken.None));
    }

    /// <summary>A guest seen on host A at 1, then on host B at 5.</summary>
    private async Task<(string HostA, string HostB, Guid Uuid)> MigratedGuestAsync()
    {
        var (hostA, hostB, uuid) = (NewHostId(), NewHostId(), Guid.NewGuid());
        await database.Store.EnsureHostAsync(hostA, "hv-a", "10.0.0", "9.2.0", CancellationToken.None);
        await database.Store.EnsureHostAsync(hostB, "hv-b", "10.0.0", "9.2.0", CancellationToken.None);
        await database.Store.SyncGuestsAsync(hostA, [Guest(hostA, uuid)], TestClock.At(1), CancellationToken.None);
        await database.Store.SyncGuestsAsync(hostB, [Guest(hostB, uuid)], TestClock.At(5), CancellationToken.None);
        return (hostA, hostB, uuid);
    }
}
