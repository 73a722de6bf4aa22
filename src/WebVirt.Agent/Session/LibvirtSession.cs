using System.Threading.Channels;
using Microsoft.Extensions.Options;
using WebVirt.Agent.Configuration;
using WebVirt.Libvirt;

namespace WebVirt.Agent.Session;

/// <summary>
/// Owns the agent's one connection to libvirtd: opens it, watches it with keepalive and the close
/// callback, and opens it again when libvirtd goes away (restart, crash), re-registering events.
/// Every libvirt call goes through <see cref="RunAsync{T}"/>, which runs it on the thread pool so a
/// slow hypervisor never blocks a SignalR or Blazor dispatcher.
/// </summary>
public sealed partial class LibvirtSession(IOptions<AgentOptions> options, ILogger<LibvirtSession> logger) : BackgroundService
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(5);

    private readonly Channel<DomainLifecycleEvent> _events = Channel.CreateBounded<DomainLifecycleEvent>(
        new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    private volatile LibvirtConnection? _connection;
    private volatile string? _lastError;

    /// <summary>Raised (off the event-loop thread) after a connection was opened or lost.</summary>
    public event Action<bool>? ConnectionChanged;

    public ChannelReader<DomainLifecycleEvent> LifecycleEvents => _events.Reader;

    public bool IsConnected => _connection is { IsAlive: true };

    public string? LastError => _lastError;

    public string Uri => options.Value.LibvirtUri;

    public Task<T> RunAsync<T>(Func<LibvirtConnection, T> call, CancellationToken cancellationToken = default)
    {
        var connection = _connection ?? throw new LibvirtUnavailableException(_lastError);
        return Task.Run(() => call(connection), cancellationToken);
    }

    public Task RunAsync(Action<LibvirtConnection> call, CancellationToken cancellationToken = default) =>
        RunAsync<bool>(c => { call(c); return true; }, cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backoff = TimeSpan.FromMilliseconds(250);
        while (!stoppingToken.IsCancellationRequested)
        {
            var closed = new TaskCompletionSource<ConnectionCloseReason>(TaskCreationOptions.RunContinuationsAsynchronously);
            LibvirtConnection? connection = null;
            try
            {
                connection = await Task.Run(() => Open(closed), stoppingToken);
                _lastError = null;
                _connection = connection;
                backoff = TimeSpan.FromMilliseconds(250);
                Log.Connected(logger, Uri);
                ConnectionChanged?.Invoke(true);

                var reason = await closed.Task.WaitAsync(stoppingToken);
                _lastError = $"The connection to libvirt was closed ({reason}).";
                Log.ConnectionLost(logger, Uri, reason.ToString());
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (LibvirtException ex)
            {
                _lastError = ex.Message;
                Log.ConnectFailed(logger, Uri, ex.Message, backoff.TotalSeconds);
            }
            finally
            {
                if (connection is not null)
                {
                    _connection = null;
                    ConnectionChanged?.Invoke(false);
                    await Task.Run(connection.Dispose, CancellationToken.None);
                }
            }

            try
            {
                await Task.Delay(backoff, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
        }
    }

    private LibvirtConnection Open(TaskCompletionSource<ConnectionCloseReason> closed)
    {
        var connection = LibvirtConnection.Open(Uri);
        try
        {
            // Keepalive makes a hung daemon look like a closed one, so the close callback fires for both.
            if (!Uri.StartsWith("test:", StringComparison.Ordinal))
            {
                connection.SetKeepAlive(5, 3);
            }

            connection.RegisterCloseCallback(reason => closed.TrySetResult(reason));
            connection.RegisterDomainLifecycleEvents(e => _events.Writer.TryWrite(e));
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Connected to libvirt at {Uri}")]
        public static partial void Connected(ILogger logger, string uri);

        [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "Lost the connection to libvirt at {Uri} ({Reason}); reconnecting")]
        public static partial void ConnectionLost(ILogger logger, string uri, string reason);

        [LoggerMessage(EventId = 2003, Level = LogLevel.Warning, Message = "Cannot connect to libvirt at {Uri}: {Error}; retrying in {Seconds} s")]
        public static partial void ConnectFailed(ILogger logger, string uri, string error, double seconds);
    }
}
