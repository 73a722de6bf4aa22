using System.Text.Json;
using Microsoft.Extensions.Options;
using WebVirt.Agent.Configuration;
using WebVirt.Agent.Enrolment;

namespace WebVirt.Agent.LocalState;

/// <summary>
/// What the agent needs after its own restart and nobody else does: its tasks (so interrupted ones
/// are closed and what they left is removed), how its guests were made, and its emulation setting.
/// One JSON file in the agent's state directory, readable by the agent alone and replaced whole on
/// every write, so a crash leaves the old or the new file, never half of one. The agent holds no
/// database credentials; the consoles keep everything else. A write returns once the file is on disk,
/// except a noted task step (<see cref="NoteTaskAsync"/>), which the next write carries.
/// </summary>
internal sealed partial class LocalStateStore(IOptions<AgentOptions> options, ILogger<LocalStateStore> logger) : IDisposable, IAsyncDisposable
{
    /// <summary>How a running task's <see cref="LocalTaskRecord.State"/> is stored.</summary>
    public const string RunningState = "Running";

    public const string FileName = "state.json";

    // Enough for the task list (50 shown) and for guests made long ago; the file stays small.
    private const int KeptFinishedTasks = 200;
    private const int KeptCreations = 2000;

    // _lock guards the document in memory, _fileLock the file: a step is noted without waiting for a disk write.
    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly SemaphoreSlim _fileLock = new(1, 1);
    private LocalStateDocument? _document;

    // Every change of the document gets the next version (under _lock); the file holds _written (under _fileLock).
    private long _version;
    private long _written;
    private int _writeScheduled;

    public string FilePath => Path.Combine(options.Value.StateDirectory, FileName);

    /// <summary>Writes what was noted and not yet written, then frees the locks.</summary>
    public async ValueTask DisposeAsync()
    {
        await WriteLatestAsync();
        Dispose();
    }

    public void Dispose()
    {
        _lock.Dispose();
        _fileLock.Dispose();
    }

    public Task<bool?> GetUseEmulationAsync(CancellationToken ct) => ReadAsync(d => d.UseEmulation, ct);

    public Task SetUseEmulationAsync(bool useEmulation, CancellationToken ct) => WriteAsync(d => d.UseEmulation = useEmulation, ct);

    /// <summary>Inserts or replaces the task's record (its whole state: progress, log, outcome); returns once it is on disk.</summary>
    public Task SaveTaskAsync(LocalTaskRecord task, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(task);
        return WriteAsync(d => Upsert(d, task), ct);
    }

    /// <summary>
    /// Inserts or replaces the task's record at once and writes the file in the background, several steps in
    /// one write: for a log line or progress, which a restarted agent does without (it needs the task and what
    /// the task makes, saved with <see cref="SaveTaskAsync"/>). Waiting for the disk held every step (a
    /// migration's start took three waits of 10 ms or more) for nothing a restart would use.
    /// </summary>
    public async Task NoteTaskAsync(LocalTaskRecord task)
    {
        ArgumentNullException.ThrowIfNull(task);
        await _lock.WaitAsync();
        try
        {
            Upsert(await LoadAsync(CancellationToken.None), task);
            _version++;
        }
        finally
        {
            _lock.Release();
        }

        if (Interlocked.Exchange(ref _writeScheduled, 1) == 0)
        {
            _ = Task.Run(WriteLatestAsync);
        }
    }

    private static void Upsert(LocalStateDocument d, LocalTaskRecord task)
    {
        d.Tasks.RemoveAll(t => t.Id == task.Id);
        d.Tasks.Add(task);
        var kept = d.Tasks.Where(t => t.State == RunningState)
            .Concat(d.Tasks.Where(t => t.State != RunningState).OrderByDescending(t => t.StartedAt).Take(KeptFinishedTasks));
        d.Tasks = [.. kept.OrderByDescending(t => t.StartedAt)];
    }

    public Task<IReadOnlyList<LocalTaskRecord>> RecentTasksAsync(int limit, CancellationToken ct) =>
        ReadAsync<IReadOnlyList<LocalTaskRecord>>(d => [.. d.Tasks.OrderByDescending(t => t.StartedAt).Take(limit)], ct);

    /// <summary>Tasks still marked running: after the agent starts, tasks its previous run left unfinished, oldest first.</summary>
    public Task<IReadOnlyList<LocalTaskRecord>> RunningTasksAsync(CancellationToken ct) =>
        ReadAsync<IReadOnlyList<LocalTaskRecord>>(d => [.. d.Tasks.Where(t => t.State == RunningState).OrderBy(t => t.StartedAt)], ct);

    public Task AddCreationRecordAsync(LocalCreationRecord record, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(record);
        return WriteAsync(d =>
        {
            d.Creations.Add(record);
            if (d.Creations.Count > KeptCreations)
            {
                d.Creations.RemoveRange(0, d.Creations.Count - KeptCreations);
            }
        }, ct);
    }

    /// <summary>The guest's creation records, oldest first.</summary>
    public Task<IReadOnlyList<LocalCreationRecord>> CreationRecordsAsync(string guestUuid, CancellationToken ct) =>
        ReadAsync<IReadOnlyList<LocalCreationRecord>>(
            d => [.. d.Creations.Where(r => string.Equals(r.GuestUuid, guestUuid, StringComparison.OrdinalIgnoreCase))], ct);

    private async Task<T> ReadAsync<T>(Func<LocalStateDocument, T> read, CancellationToken ct)
    {
        await _lock.WaitAsync(ct);
        try
        {
            return read(await LoadAsync(ct));
        }
        finally
        {
            _lock.Release();
        }
    }

    private async Task WriteAsync(Action<LocalStateDocument> change, CancellationToken ct)
    {
        await _lock.WaitAsync(ct);
        try
        {
            change(await LoadAsync(ct));
            _version++;
        }
        finally
        {
            _lock.Release();
        }

        await WriteFileAsync(ct);
    }

    /// <summary>The background write of noted steps; a failure is logged, and the next write tries again.</summary>
    private async Task WriteLatestAsync()
    {
        Volatile.Write(ref _writeScheduled, 0);
        try
        {
            await WriteFileAsync(CancellationToken.None);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Log.WriteFailed(logger, FilePath, ex.Message);
        }
        catch (ObjectDisposedException)
        {
            // Disposed without DisposeAsync (a test's store): the steps noted last were not needed after a restart.
        }
    }

    /// <summary>
    /// Writes the document as it is now, unless a write that began later already did (it holds this change too):
    /// so the file never goes back to an older version, and a caller returns only once its change is on disk.
    /// </summary>
    private async Task WriteFileAsync(CancellationToken ct)
    {
        await _fileLock.WaitAsync(ct);
        try
        {
            byte[] bytes;
            long version;
            await _lock.WaitAsync(ct);
            try
            {
                version = _version;
                if (version <= _written || _document is null)
                {
                    return;
                }

                bytes = JsonSerializer.SerializeToUtf8Bytes(_document, LocalStateJson.Default.LocalStateDocument);
            }
            finally
            {
                _lock.Release();
            }

            await SaveAsync(bytes, ct);
            _written = version;
        }
        finally
        {
            _fileLock.Release();
        }
    }

    private async Task<LocalStateDocument> LoadAsync(CancellationToken ct)
    {
        if (_document is not null)
        {
            return _document;
        }

        var path = FilePath;
        if (!File.Exists(path))
        {
            return _document = new LocalStateDocument();
        }

        try
        {
            await using var stream = File.OpenRead(path);
            _document = await JsonSerializer.DeserializeAsync(stream, LocalStateJson.Default.LocalStateDocument, ct) ?? new LocalStateDocument();
        }
        catch (JsonException ex)
        {
            // A file that cannot be read is kept aside for the administrator; the agent starts afresh.
            Log.Unreadable(logger, path, ex.Message);
            File.Move(path, path + ".unreadable", overwrite: true);
            _document = new LocalStateDocument();
        }

        return _document;
    }

    private async Task SaveAsync(byte[] document, CancellationToken ct)
    {
        var path = FilePath;
        AgentStateDirectory.Ensure(options.Value.StateDirectory);
        var temporary = path + ".new";
        File.Delete(temporary);
        await using (var stream = new FileStream(temporary, new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            Options = FileOptions.Asynchronous,
        }))
        {
            await stream.WriteAsync(document, ct);
            await stream.FlushAsync(ct);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 9801, Level = LogLevel.Warning, Message = "The agent's state file {Path} could not be read and was set aside: {Error}")]
        public static partial void Unreadable(ILogger logger, string path, string error);

        [LoggerMessage(EventId = 9802, Level = LogLevel.Warning, Message = "The agent's state file {Path} could not be written; the next change tries again: {Error}")]
        public static partial void WriteFailed(ILogger logger, string path, string error);
    }
}
