using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WebVirt.Data.Tests.Infrastructure;
using static WebVirt.Data.Tests.Infrastructure.Guests;

namespace WebVirt.Data.Tests;

public sealed class GuestNotesStoreTests(MigratedDatabase database) : IClassFixture<MigratedDatabase>
{
    private readonly ManualTimeProvider _clock = new(TestClock.At(10));

    private GuestNotesStore Notes => new(database.Services.GetRequiredService<IDbContextFactory<AgentDbContext>>(), _clock);

    [Fact]
    public async Task A_guest_without_notes_has_none()
    {
        var (hostId, uuid) = await KnownGuestAsync();

        Assert.Null(await Notes.GetAsync(hostId, uuid, CancellationToken.None));
    }

    [Fact]
    public async Task Notes_are_inserted_then_replaced_with_the_editor_and_time_of_the_last_save()
    {
        var (hostId, uuid) = await KnownGuestAsync();

        var first = await Notes.SaveAsync(hostId, uuid, "web server", ["prod", "数据库"], "alice", CancellationToken.None);
        Assert.NotNull(first);
        var read = await Notes.GetAsync(hostId, uuid, CancellationToken.None);
        Assert.Equal(("web server", "alice", TestClock.At(10)), (read!.Description, read.UpdatedBy, read.UpdatedAt));
        Assert.Equal(["prod", "数据库"], read.Tags);

        _clock.Now = TestClock.At(20);
        await Notes.SaveAsync(hostId, uuid, "line one\nline two", [], "bob", CancellationToken.None);

        read = await Notes.GetAsync(hostId, uuid, CancellationToken.None);
        Assert.Equal(("line one\nline two", 0, "bob", TestClock.At(20)), (read!.Description, read.Tags.Count, read.UpdatedBy, read.UpdatedAt));
        Assert.Equal(1, await database.QueryScalarAsync<long>($"SELECT count(*) FROM agent.\"GuestNotes\" WHERE \"HostId\" = '{hostId}'"));
    }

    [Fact]
    public async Task Notes_of_a_guest_the_host_never_recorded_are_not_stored()
    {
        var (hostId, _) = await KnownGuestAsync();
        var unknown = Guid.NewGuid();

        Assert.Null(await Notes.SaveAsync(hostId, unknown, "orphan", ["x"], "alice", CancellationToken.None));
        Assert.Null(await Notes.GetAsync(hostId, unknown, CancellationToken.None));
    }

    [Fact]
    public async Task Notes_are_kept_per_host()
    {
        var (hostA, uuid) = await KnownGuestAsync();
        var hostB = NewHostId();
        await database.Store.EnsureHostAsync(hostB, "hv-b", "10.0.0", "9.2.0", CancellationToken.None);
        await database.Store.SyncGuestsAsync(hostB, [Guest(hostB, uuid)], TestClock.At(1), CancellationToken.None);

        await Notes.SaveAsync(hostA, uuid, "on A", ["a"], "alice", CancellationToken.None);
        await Notes.SaveAsync(hostB, uuid, "on B", ["b"], "bob", CancellationToken.None);

        Assert.Equal("on A", (await Notes.GetAsync(hostA, uuid, CancellationToken.None))!.Description);
        Assert.Equal("on B", (await Notes.GetAsync(hostB, uuid, CancellationToken.None))!.Description);
    }

    [Fact]
    public async Task Editors_saving_at_once_leave_one_row_with_one_of_their_notes()
    {
        var (hostId, uuid) = await KnownGuestAsync();

        await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(() => Notes.SaveAsync(hostId, uuid, $"editor {i}", [$"t{i}"], $"user{i}", CancellationToken.None))));

        var read = await Notes.GetAsync(hostId, uuid, CancellationToken.None);
        Assert.Matches("^editor [0-5]$", read!.Description);
        Assert.Equal($"user{read.Description[^1]}", read.UpdatedBy);
    }

    [Fact]
    public async Task Every_tagged_guest_is_listed_with_its_host_and_an_untagged_one_is_not()
    {
        var (hostId, tagged) = await KnownGuestAsync();
        var untagged = Guid.NewGuid();
        await database.Store.SyncGuestsAsync(hostId, [Guest(hostId, tagged), Guest(hostId, untagged)], TestClock.At(2), CancellationToken.None);
        await Notes.SaveAsync(hostId, tagged, "", ["web", "prod"], "alice", CancellationToken.None);
        await Notes.SaveAsync(hostId, untagged, "no tags", [], "alice", CancellationToken.None);

        var all = await Notes.GetAllTagsAsync(CancellationToken.None);

        var mine = all.Where(row => row.HostId == hostId).ToList();
        Assert.Equal([(tagged, "web,prod")], mine.Select(row => (row.Uuid, string.Join(',', row.Tags))));
    }

    private async Task<(string HostId, Guid Uuid)> KnownGuestAsync()
    {
        var hostId = NewHostId();
        var uuid = Guid.NewGuid();
        await database.Store.EnsureHostAsync(hostId, "hv", "10.0.0", "9.2.0", CancellationToken.None);
        await database.Store.SyncGuestsAsync(hostId, [Guest(hostId, uuid)], TestClock.At(1), CancellationToken.None);
        return (hostId, uuid);
    }
}
