using System.Collections.Concurrent;
using WebVirt.Agent.Session;
using WebVirt.Libvirt;

namespace WebVirt.Agent.Provisioning;

/// <summary>
/// Starts a network-installed guest again once its installer has stopped: the installer boot ends
/// on its reboot (on_reboot destroy), and by then the persistent definition boots the disk, so the
/// next start runs the installed system, as virt-install does when it waits for an install.
/// Kept in memory: after an agent restart the guest is simply started by hand. A guest that is
/// deleted or forced off is forgotten first (<see cref="ForgetAsync"/>), or the watcher would start
/// it again under the user's hands.
/// </summary>
internal sealed partial class InstallRestartWatcher(LibvirtSession session, ILogger<InstallRestartWatcher> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    private readonly ConcurrentDictionary<string, string> _installing = new(StringComparer.OrdinalIgnoreCase);

    // Held while a guest is looked at and started, so that once ForgetAsync returns no start of it is under way.
    private readonly SemaphoreSlim _gate = new(1, 1);

    public void Watch(string uuid, string name) => _installing[uuid] = name;

    public bool IsWatching(string uuid) => _installing.ContainsKey(uuid);

    /// <summary>Stops watching the guest; a start the watcher had begun has finished when this returns.</summary>
    public async Task ForgetAsync(string uuid)
    {
        await _gate.WaitAsync();
        try
        {
            _installing.TryRemove(uuid, out _);
        }
        finally
        {
            _gate.Release();
        }
    }

    public override void Dispose()
    {
        _gate.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            foreach (var (uuid, name) in _installing)
            {
                await _gate.WaitAsync(stoppingToken);
                try
                {
                    if (!_installing.ContainsKey(uuid))
                    {
                        // Forgotten (deleted, forced off) since the loop began.
                        continue;
                    }

                    bool restarted = await session.RunAsync(c => RestartIfStopped(c, uuid), stoppingToken);
                    if (restarted)
                    {
                        _installing.TryRemove(uuid, out _);
                        Log.Restarted(logger, name, uuid);
                    }
                }
                catch (LibvirtException ex) when (ex.Code == LibvirtErrorCodes.NoDomain)
                {
                    _installing.TryRemove(uuid, out _);
                }
                catch (LibvirtException ex)
                {
                    // Not retried: a start that fails once (disk gone, host full) fails again every tick.
                    _installing.TryRemove(uuid, out _);
                    Log.RestartFailed(logger, name, uuid, ex.Message);
                }
                catch (LibvirtUnavailableException)
                {
                    // Tried again on the next tick, once libvirt is back.
                }
                finally
                {
                    _gate.Release();
                }
            }
        }
    }

    private static bool RestartIfStopped(LibvirtConnection connection, string uuid)
    {
        using var domain = connection.LookupDomainByUuid(uuid);
        if (domain.IsActive())
        {
            return false;
        }

        domain.Create();
        return true;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 6222, Level = LogLevel.Information, Message = "The installer of guest {Name} ({Uuid}) stopped; started it from its disk")]
        public static partial void Restarted(ILogger logger, string name, string uuid);

        [LoggerMessage(EventId = 6223, Level = LogLevel.Warning, Message = "Could not start guest {Name} ({Uuid}) after its installer stopped: {Error}")]
        public static partial void RestartFailed(ILogger logger, string name, string uuid, string error);
    }
}
