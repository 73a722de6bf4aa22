using Microsoft.Extensions.Options;

namespace WebVirt.Web.Hosting.Tls;

/// <summary>
/// Loads the certificate before Kestrel starts (a folder that cannot be used stops the start),
/// then watches the folder for an administrator's new files and checks every hour for the end
/// of the validity and for changed host names or addresses.
/// </summary>
internal sealed class ServerCertificateMonitor(
    ServerCertificateStore store,
    IOptions<EdgeOptions> options,
    IConfiguration configuration,
    ILogger<ServerCertificateMonitor> logger) : IHostedService, IDisposable
{
    private static readonly TimeSpan CheckInterval = TimeSpan.FromHours(1);

    // Editors and cp write a file in several steps; look once they have settled.
    private static readonly TimeSpan SettleDelay = TimeSpan.FromSeconds(1);

    private readonly CancellationTokenSource _stopping = new();
    private FileSystemWatcher? _watcher;
    private Task? _loop;
    private int _changePending;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.PlainHttp)
        {
            TlsLog.PlainHttp(logger);
            await store.RefreshIdentityAsync(cancellationToken);
            return;
        }

        foreach (var url in EdgeSetup.ConfiguredUrls(configuration).Where(u => u.StartsWith("http://", StringComparison.OrdinalIgnoreCase)))
        {
            TlsLog.PlainUrlRefused(logger, url);
            throw new InvalidOperationException($"{url} is plain HTTP but WebVirt:PlainHttp is not set.");
        }

        try
        {
            await store.RefreshAsync(cancellationToken);
        }
        catch (CertificateFolderException ex)
        {
            TlsLog.FolderUnusable(logger, ex.Message);
            throw;
        }

        _watcher = new FileSystemWatcher(store.Folder.Directory)
        {
            IncludeSubdirectories = false,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Attributes | NotifyFilters.Size,
        };
        _watcher.Created += OnFolderChanged;
        _watcher.Changed += OnFolderChanged;
        _watcher.Deleted += OnFolderChanged;
        _watcher.Renamed += OnFolderChanged;
        _watcher.EnableRaisingEvents = true;
        _loop = CheckPeriodicallyAsync(_stopping.Token);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _watcher?.Dispose();
        await _stopping.CancelAsync();
        if (_loop is not null)
        {
            await _loop.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    // A test host may be disposed before (or without) being stopped: both end the same way,
    // which is why the token source is cancelled here rather than disposed.
    public void Dispose()
    {
        _watcher?.Dispose();
        _stopping.Cancel();
    }

    private void OnFolderChanged(object sender, FileSystemEventArgs e)
    {
        // The console's own writes land here too; reloading then finds the same certificate.
        if (Interlocked.Exchange(ref _changePending, 1) == 0)
        {
            _ = RefreshAfterSettlingAsync();
        }
    }

    private async Task RefreshAfterSettlingAsync()
    {
        try
        {
            await Task.Delay(SettleDelay, _stopping.Token);
            Interlocked.Exchange(ref _changePending, 0);
            await RefreshLoggingFailuresAsync(_stopping.Token);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task CheckPeriodicallyAsync(CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(CheckInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stopping))
            {
                await RefreshLoggingFailuresAsync(stopping);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task RefreshLoggingFailuresAsync(CancellationToken stopping)
    {
        try
        {
            await store.RefreshAsync(stopping);
        }
        catch (Exception ex) when (ex is CertificateFolderException or IOException or UnauthorizedAccessException)
        {
            TlsLog.RefreshFailed(logger, ex.Message);
        }
    }
}
