using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR.Client;
using WebVirt.Contracts;
using WebVirt.Testing;

namespace WebVirt.Agent.Tests;

/// <summary>
/// The agent process killed with SIGKILL in the middle of a full clone on the real qemu:///system,
/// then started again: the task is closed as interrupted with an end time, libvirtd's copy that
/// outlived the agent is removed when it ends, and a console connected throughout sees it pushed.
/// The same for an upload whose stream libvirtd aborts when the agent's connection dies.
/// </summary>
public sealed class InterruptedTaskQemuTests
{
    private const string Uri = "qemu:///system";
    private static readonly string Prefix = TestRun.GuestName("itask-");

    [Fact]
    public async Task A_clone_cut_off_by_a_killed_agent_is_interrupted_and_its_volume_removed_after_restart()
    {
        string pool = Prefix + "pool";
        string source = Prefix + "src";
        string clone = Prefix + "clone";
        string directory = Path.Combine(Path.GetTempPath(), pool);
        string sourceUuid = SlowCloneSource.Create(Uri, pool, source, directory);
        try
        {
            await using var stack = await WebVirtStack.StartAsync(Uri, "itask", startWeb: false);
            var seen = new ConcurrentDictionary<string, AgentTaskInfo>(StringComparer.Ordinal);
            await using var hub = Connect(stack, seen);
            await hub.StartAsync();

            var started = await hub.InvokeAsync<ProvisioningResult>(nameof(IAgentHub.CloneGuest), new CloneGuestRequest(sourceUuid, clone, false, "tester"));
            Assert.True(started.Ok, started.ToString());
            string target = Path.Combine(directory, clone + ".img");
            // Killed as soon as the copy shows: on a fast, idle disk 2 GiB are copied in a second or two.
            await WaitUntilAsync(() => File.Exists(target), TimeSpan.FromSeconds(60), "the copy to start", TimeSpan.FromMilliseconds(10));
            // On a busy machine the copy can show before the console has heard of the running task; the copy runs for seconds.
            await WaitUntilAsync(
                () => seen.TryGetValue(started.TaskId!, out var t) && t.State == AgentTaskState.Running,
                TimeSpan.FromSeconds(30), "the console to see the task running", TimeSpan.FromMilliseconds(10));

            stack.Agent.KillHard();
            await WaitUntilAsync(() => stack.Agent.HasExited, TimeSpan.FromSeconds(10), "the agent to die");
            Assert.True(File.Exists(target), "libvirtd keeps copying after the agent died");

            await stack.RestartAgentAsync();
            await WaitUntilAsync(
                () => seen.TryGetValue(started.TaskId!, out var t) && t.State == AgentTaskState.Interrupted && t.Error?.Code == ErrorCodes.TaskInterruptedRemoved,
                TimeSpan.FromMinutes(5), "the interrupted task's clean-up to be pushed");

            var task = seen[started.TaskId!];
            Assert.NotNull(task.FinishedAt);
            Assert.Equal([$"volume:{pool}/{clone}.img"], TaskArguments.TryLeftovers(task.Error!.Args.Single())!);
            Assert.Empty(task.Leftovers ?? []);
            Assert.False(File.Exists(target));
            using (var connection = LibvirtConnection.Open(Uri))
            using (var storage = connection.LookupStoragePoolByName(pool))
            {
                storage.Refresh();
                Assert.DoesNotContain(storage.ListAllVolumes(), v => { using (v) { return v.Name.StartsWith(clone, StringComparison.Ordinal); } });
            }

            var (state, finished, error) = await StoredAsync(stack.AgentStateDirectory, started.TaskId!);
            Assert.Equal(nameof(AgentTaskState.Interrupted), state);
            Assert.NotNull(finished);
            Assert.Equal(ErrorCodes.TaskInterruptedRemoved, StoredCode(error));
        }
        finally
        {
            TestGuestCleaner.RemoveRunGuests(Uri, prefix: Prefix);
            TestResourceCleaner.RemoveRunPoolsAndNetworks(Uri, Prefix);
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task An_upload_cut_off_by_a_killed_agent_is_interrupted_and_its_partial_volume_removed_after_restart()
    {
        string pool = Prefix + "up-pool";
        string volume = Prefix + "up.iso";
        string directory = Path.Combine(Path.GetTempPath(), pool);
        Directory.CreateDirectory(directory);
        File.SetUnixFileMode(directory, (UnixFileMode)0b111_101_101);
        using (var connection = LibvirtConnection.Open(Uri))
        using (connection.CreateStoragePoolXml($"<pool type='dir'><name>{pool}</name><target><path>{directory}</path></target></pool>"))
        {
        }

        using var held = new CancellationTokenSource();
        try
        {
            await using var stack = await WebVirtStack.StartAsync(Uri, "itask-up", startWeb: false);
            var seen = new ConcurrentDictionary<string, AgentTaskInfo>(StringComparer.Ordinal);
            await using var hub = Connect(stack, seen);
            await hub.StartAsync();

            // 8 MiB arrive, then the sender stalls mid-file: the upload is running when the agent dies.
            using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
            using var request = new HttpRequestMessage(HttpMethod.Put, stack.AgentUrl + StorageUpload.AgentPath(pool, volume, "tester"));
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", stack.AgentToken);
            request.Content = new StreamContent(new StallingStream(8 * 1024 * 1024, held.Token));
            request.Content.Headers.ContentLength = 64 * 1024 * 1024;
            var sending = http.SendAsync(request, held.Token);
            await WaitUntilAsync(() => seen.Values.Any(t => t.Kind == "upload" && t.Target == volume) && File.Exists(Path.Combine(directory, volume)), TimeSpan.FromSeconds(60), "the upload to start");
            string taskId = seen.Values.Single(t => t.Kind == "upload" && t.Target == volume).TaskId;

            stack.Agent.KillHard();
            await WaitUntilAsync(() => stack.Agent.HasExited, TimeSpan.FromSeconds(10), "the agent to die");
            await held.CancelAsync();
            await Assert.ThrowsAnyAsync<Exception>(() => sending);
            Assert.True(File.Exists(Path.Combine(directory, volume)), "the half-written volume outlives the agent");

            await stack.RestartAgentAsync();
            await WaitUntilAsync(
                () => seen.TryGetValue(taskId, out var t) && t.State == AgentTaskState.Interrupted && t.Error?.Code == ErrorCodes.TaskInterruptedRemoved,
                TimeSpan.FromMinutes(2), "the interrupted upload's clean-up to be pushed");
            var task = seen[taskId];
            Assert.NotNull(task.FinishedAt);
            Assert.Equal([$"volume:{pool}/{volume}"], TaskArguments.TryLeftovers(task.Error!.Args.Single())!);
            Assert.False(File.Exists(Path.Combine(directory, volume)));
            var (state, finished, error) = await StoredAsync(stack.AgentStateDirectory, taskId);
            Assert.Equal(nameof(AgentTaskState.Interrupted), state);
            Assert.NotNull(finished);
            Assert.Equal(ErrorCodes.TaskInterruptedRemoved, StoredCode(error));
        }
        finally
        {
            await held.CancelAsync();
            TestResourceCleaner.RemoveRunPoolsAndNetworks(Uri, Prefix);
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>A console's connection: reconnects at once and reads the task list again, as the web does.</summary>
    private static HubConnection Connect(WebVirtStack stack, ConcurrentDictionary<string, AgentTaskInfo> seen)
    {
        var hub = new HubConnectionBuilder()
            .WithUrl(stack.AgentUrl + IAgentHub.AgentHubPath, o => o.AccessTokenProvider = () => Task.FromResult<string?>(stack.AgentToken))
            .WithAutomaticReconnect(Enumerable.Repeat(TimeSpan.FromMilliseconds(500), 600).ToArray())
            .Build();
        hub.On<AgentTaskInfo>(nameof(IAgentClient.TaskChanged), t => seen[t.TaskId] = t);
        hub.Reconnected += async _ =>
        {
            foreach (var t in await hub.InvokeAsync<IReadOnlyList<AgentTaskInfo>>(nameof(IAgentHub.GetTasks)))
            {
                seen.AddOrUpdate(t.TaskId, t, (_, old) => old.State != AgentTaskState.Running && t.State == AgentTaskState.Running ? old : t);
            }
        };
        return hub;
    }

    /// <summary>The task as the agent's state file keeps it, for after its own restart.</summary>
    private static async Task<(string State, DateTimeOffset? Finished, string? Error)> StoredAsync(string stateDirectory, string taskId)
    {
        using var state = System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(stateDirectory, "state.json")));
        var task = state.RootElement.GetProperty("tasks").EnumerateArray().Single(t => t.GetProperty("id").GetGuid() == Guid.Parse(taskId));
        var finished = task.GetProperty("finishedAt");
        var error = task.GetProperty("error");
        return (task.GetProperty("state").GetString()!,
            finished.ValueKind == System.Text.Json.JsonValueKind.Null ? null : finished.GetDateTimeOffset(),
            error.ValueKind == System.Text.Json.JsonValueKind.Null ? null : error.GetString());
    }

    /// <summary>The code of a task text as the state file keeps it (one JSON object, no words).</summary>
    private static string? StoredCode(string? stored) =>
        stored is null ? null : System.Text.Json.JsonDocument.Parse(stored).RootElement.GetProperty("code").GetString();

    /// <summary>A request body that gives <paramref name="first"/> bytes, then waits until it is cancelled.</summary>
    private sealed class StallingStream(long first, CancellationToken held) : Stream
    {
        private long _given;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _given; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_given >= first)
            {
                using var both = CancellationTokenSource.CreateLinkedTokenSource(held, cancellationToken);
                await Task.Delay(Timeout.Infinite, both.Token);
            }

            int n = (int)Math.Min(buffer.Length, first - _given);
            buffer.Span[..n].Fill(0x42);
            _given += n;
            return n;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan limit, string what, TimeSpan? poll = null)
    {
        var deadline = DateTime.UtcNow + limit;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting for {what}.");
            await Task.Delay(poll ?? TimeSpan.FromMilliseconds(200));
        }
    }
}
