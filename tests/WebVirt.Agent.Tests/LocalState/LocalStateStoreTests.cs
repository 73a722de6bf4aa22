using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using WebVirt.Agent.Configuration;
using WebVirt.Agent.LocalState;
using WebVirt.Testing;

namespace WebVirt.Agent.Tests.LocalState;

/// <summary>The agent's state file: what a restarted agent reads back, readable by the agent alone, never half written.</summary>
public sealed class LocalStateStoreTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), TestRun.Prefix + "localstate-" + Guid.NewGuid().ToString("N")[..12]);

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private LocalStateStore NewStore() =>
        new(Options.Create(new AgentOptions { StateDirectory = _directory }), NullLogger<LocalStateStore>.Instance);

    private static LocalTaskRecord Task(string state, int minutesAgo) => new()
    {
        Id = Guid.NewGuid(),
        HostId = "h1",
        Kind = "clone",
        Target = "web1",
        State = state,
        StartedAt = DateTimeOffset.UtcNow.AddMinutes(-minutesAgo),
        Leftovers = ["volume:pool/web1.img"],
    };

    [Fact]
    public async Task A_restarted_agent_reads_back_its_tasks_creations_and_emulation_setting_from_a_private_file()
    {
        var running = Task(LocalStateStore.RunningState, 5);
        using (var store = NewStore())
        {
            Assert.Null(await store.GetUseEmulationAsync(CancellationToken.None));
            await store.SaveTaskAsync(running, CancellationToken.None);
            await store.SaveTaskAsync(Task("Succeeded", 10), CancellationToken.None);
            await store.AddCreationRecordAsync(new LocalCreationRecord { GuestUuid = "AB-1", Kind = "create", CreatedBy = "alice" }, CancellationToken.None);
            await store.SetUseEmulationAsync(true, CancellationToken.None);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(store.FilePath));
            Assert.False(File.Exists(store.FilePath + ".new"));
        }

        using var restarted = NewStore();
        var stillRunning = Assert.Single(await restarted.RunningTasksAsync(CancellationToken.None));
        Assert.Equal((running.Id, running.Leftovers.Single()), (stillRunning.Id, stillRunning.Leftovers.Single()));
        Assert.Equal(2, (await restarted.RecentTasksAsync(10, CancellationToken.None)).Count);
        Assert.Equal("alice", Assert.Single(await restarted.CreationRecordsAsync("ab-1", CancellationToken.None)).CreatedBy);
        Assert.Empty(await restarted.CreationRecordsAsync("other", CancellationToken.None));
        Assert.True(await restarted.GetUseEmulationAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Finished_tasks_are_bounded_and_a_task_saved_again_replaces_its_record()
    {
        using var store = NewStore();
        for (var i = 0; i < 230; i++)
        {
            await store.SaveTaskAsync(Task("Failed", i + 1), CancellationToken.None);
        }

        var task = Task(LocalStateStore.RunningState, 0);
        await store.SaveTaskAsync(task, CancellationToken.None);
        task.State = "Succeeded";
        await store.SaveTaskAsync(task, CancellationToken.None);

        var kept = await store.RecentTasksAsync(1000, CancellationToken.None);
        Assert.Equal(200, kept.Count);
        Assert.Equal((task.Id, "Succeeded"), (kept[0].Id, kept[0].State));
        Assert.Empty(await store.RunningTasksAsync(CancellationToken.None));
    }

    [Fact]
    public async Task An_unreadable_file_is_set_aside_and_the_agent_starts_afresh()
    {
        Directory.CreateDirectory(_directory);
        await File.WriteAllTextAsync(Path.Combine(_directory, LocalStateStore.FileName), "{not json");

        using var store = NewStore();
        Assert.Empty(await store.RecentTasksAsync(10, CancellationToken.None));
        Assert.True(File.Exists(Path.Combine(_directory, LocalStateStore.FileName + ".unreadable")));
        await store.SetUseEmulationAsync(false, CancellationToken.None);
        Assert.False(await NewStore().GetUseEmulationAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_noted_step_is_read_back_at_once_and_is_in_the_file_after_the_stores_disposal()
    {
        var step = Task(LocalStateStore.RunningState, 1);
        step.Log = ["step 1"];
        await using (var store = NewStore())
        {
            await store.NoteTaskAsync(step);
            Assert.Equal(["step 1"], Assert.Single(await store.RecentTasksAsync(10, CancellationToken.None)).Log);
        }

        using var restarted = NewStore();
        Assert.Equal(["step 1"], Assert.Single(await restarted.RunningTasksAsync(CancellationToken.None)).Log);
    }

    [Fact]
    public async Task A_saved_change_is_on_disk_with_every_step_noted_before_it_and_the_file_never_goes_back()
    {
        var id = Guid.NewGuid();
        var saved = Task("Succeeded", 2);
        using var store = NewStore();
        for (var i = 1; i <= 40; i++)
        {
            var step = Task(LocalStateStore.RunningState, 1);
            step.Id = id;
            step.Percent = i;
            await store.NoteTaskAsync(step);
        }

        await store.SaveTaskAsync(saved, CancellationToken.None);

        // Read by a second store while the first may still write in the background: the save returned, so the
        // file holds the last step; a background write that ends later holds the same or a newer document.
        var onDisk = await NewStore().RecentTasksAsync(10, CancellationToken.None);
        Assert.Equal(40, Assert.Single(onDisk, t => t.Id == id).Percent);
        Assert.Contains(onDisk, t => t.Id == saved.Id);
    }
}
