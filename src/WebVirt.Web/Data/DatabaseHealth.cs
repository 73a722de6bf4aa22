using Npgsql;

namespace WebVirt.Web.Data;

/// <summary>
/// The one place that knows whether the console's database answers: it probes PostgreSQL every few
/// seconds (every second while it is down) and publishes each change, so pages can show an outage
/// banner, keep what users typed, and reload by themselves the moment it is back. Code that meets
/// a connection failure reports it here, which marks the database down at once.
/// </summary>
public sealed partial class DatabaseHealth : BackgroundService
{
    private static readonly TimeSpan UpInterval = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan DownInterval = TimeSpan.FromSeconds(1);

    private readonly string _probeConnectionString;
    private readonly TimeProvider _time;
    private readonly ILogger<DatabaseHealth> _logger;
    private readonly SemaphoreSlim _wake = new(0, 1);
    private DateTimeOffset? _downSince;

    public DatabaseHealth(IConfiguration configuration, TimeProvider time, ILogger<DatabaseHealth> logger)
    {
        _time = time;
        _logger = logger;
        var builder = new NpgsqlConnectionStringBuilder(configuration.GetConnectionString(WebDatabase.ConnectionStringName));
        // A pooled connection may be one the server closed when it stopped; a fresh one tells the truth.
        builder.Pooling = false;
        builder.Timeout = 3;
        builder.CommandTimeout = 3;
        _probeConnectionString = builder.ConnectionString;
    }

    private readonly Lock _subscribersLock = new();
    private CultureBoundCallback<bool>[] _subscribers = [];

    public bool IsUp => _downSince is null;

    /// <summary>Since when the database has not answered, or null while it answers.</summary>
    public DateTimeOffset? DownSince => _downSince;

    /// <summary>
    /// Calls <paramref name="onChange"/> (on a background thread, in the caller's culture) with
    /// whether the database is up, each time that changes, until disposed.
    /// </summary>
    public IDisposable Subscribe(Action<bool> onChange)
    {
        var subscription = new CultureBoundCallback<bool>(onChange, Unsubscribe);
        lock (_subscribersLock)
        {
            _subscribers = [.. _subscribers, subscription];
        }

        return subscription;
    }

    /// <summary>
    /// Notes a failed database call; a connection failure marks the database down now rather than at
    /// the next probe. Returns whether it was one (so the caller can show the outage, not the error).
    /// </summary>
    public bool Report(Exception exception)
    {
        if (!DatabaseFaults.IsUnreachable(exception))
        {
            return false;
        }

        SetUp(false);
        Wake();
        return true;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            SetUp(await ProbeAsync(stoppingToken));
            try
            {
                await _wake.WaitAsync(IsUp ? UpInterval : DownInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public override void Dispose()
    {
        _wake.Dispose();
        base.Dispose();
    }

    private async Task<bool> ProbeAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = new NpgsqlConnection(_probeConnectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT 1", connection);
            await command.ExecuteScalarAsync(cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is NpgsqlException or IOException or TimeoutException or System.Net.Sockets.SocketException
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            if (IsUp)
            {
                ProbeFailed(_logger, ex.Message);
            }

            return false;
        }
        catch (OperationCanceledException)
        {
            return IsUp;
        }
    }

    private void SetUp(bool up)
    {
        var wasUp = IsUp;
        if (up == wasUp)
        {
            return;
        }

        if (up)
        {
            var since = _downSince;
            _downSince = null;
            // The pool still holds connections the stopped server closed; the first page to use
            // one would fail again.
            NpgsqlConnection.ClearAllPools();
            Recovered(_logger, since.HasValue ? (_time.GetUtcNow() - since.Value).TotalSeconds : 0);
        }
        else
        {
            _downSince = _time.GetUtcNow();
            WentDown(_logger);
        }

        foreach (var subscriber in Volatile.Read(ref _subscribers))
        {
            try
            {
                subscriber.Invoke(up);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                SubscriberFailed(_logger, ex);
            }
        }
    }

    private void Unsubscribe(CultureBoundCallback<bool> subscription)
    {
        lock (_subscribersLock)
        {
            _subscribers = [.. _subscribers.Where(subscriber => !ReferenceEquals(subscriber, subscription))];
        }
    }

    private void Wake()
    {
        if (_wake.CurrentCount == 0)
        {
            try
            {
                _wake.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another report woke the probe first.
            }
        }
    }

    [LoggerMessage(EventId = 8001, Level = LogLevel.Warning, Message = "The database does not answer; pages show the outage and retry")]
    private static partial void WentDown(ILogger logger);

    [LoggerMessage(EventId = 8002, Level = LogLevel.Information, Message = "The database answers again after {Seconds:0.0} s")]
    private static partial void Recovered(ILogger logger, double seconds);

    [LoggerMessage(EventId = 8005, Level = LogLevel.Warning, Message = "A database health subscriber failed")]
    private static partial void SubscriberFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 8003, Level = LogLevel.Warning, Message = "Database probe failed: {Reason}")]
    private static partial void ProbeFailed(ILogger logger, string reason);
}
