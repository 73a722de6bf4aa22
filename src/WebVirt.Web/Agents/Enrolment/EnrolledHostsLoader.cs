using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using WebVirt.Web.Data;

namespace WebVirt.Web.Agents.Enrolment;

/// <summary>
/// Puts the enrolled hosts into the agent directory at start, before the agent connections start. While the
/// database cannot be reached it keeps trying in the background, and the hosts appear once it answers.
/// </summary>
public sealed partial class EnrolledHostsLoader(
    IDbContextFactory<WebDbContext> contexts,
    IDataProtectionProvider protection,
    AgentDirectory directory,
    ILogger<EnrolledHostsLoader> logger) : IHostedService, IDisposable
{
    private static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(5);
    private readonly CancellationTokenSource _stopping = new();
    private int _disposed;
    private Task _retrying = Task.CompletedTask;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!await TryLoadAsync(cancellationToken))
        {
            _retrying = RetryAsync(_stopping.Token);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // The host may dispose its services before it stops them (WebApplicationFactory does).
        if (Volatile.Read(ref _disposed) == 0)
        {
            await _stopping.CancelAsync();
        }

        await _retrying.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _stopping.Cancel();
            _stopping.Dispose();
        }
    }

    private async Task RetryAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            await Task.Delay(RetryInterval, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (!cancellationToken.IsCancellationRequested && await TryLoadAsync(cancellationToken))
            {
                return;
            }
        }
    }

    private async Task<bool> TryLoadAsync(CancellationToken cancellationToken)
    {
        try
        {
            directory.Load(await HostEnrolmentService.ReadAllAsync(contexts, protection, logger, cancellationToken));
            return true;
        }
        catch (Exception ex) when (DatabaseFaults.IsUnreachable(ex))
        {
            Log.DatabaseAway(logger, ex.GetBaseException().Message);
            return false;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 4103, Level = LogLevel.Warning, Message = "The enrolled hosts cannot be read while the database is away ({Reason}); trying again")]
        public static partial void DatabaseAway(ILogger logger, string reason);
    }
}
