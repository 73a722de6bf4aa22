using WebVirt.Libvirt;

namespace WebVirt.E2E.Migration;

/// <summary>
/// Lifts the bandwidth limit of the outgoing migrations of some guests on a host, each as soon as its migration
/// runs, until disposed. A test throttles migrations in the dialog so that they are still running while it checks
/// what the pages show meanwhile; once it has seen that, waiting out the throttle (tens of seconds a guest) tests
/// nothing more. The product is not told: its job follows the faster migration and reports its end as it would.
/// </summary>
internal sealed class MigrationSpeedUp : IAsyncDisposable
{
    /// <summary>MiB/s: far above what a migration reaches on this machine, so in effect no limit.</summary>
    private const ulong Fast = 1024;

    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    private MigrationSpeedUp(string sourceUri, IReadOnlyCollection<string> names) =>
        _loop = Task.Run(() => LoopAsync(sourceUri, names, _stop.Token));

    /// <summary>Starts lifting the limit of <paramref name="names"/>' migrations out of the host at <paramref name="sourceUri"/>.</summary>
    public static MigrationSpeedUp Start(string sourceUri, IReadOnlyCollection<string> names) => new(sourceUri, names);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }

    private static async Task LoopAsync(string sourceUri, IReadOnlyCollection<string> names, CancellationToken stop)
    {
        using var connection = LibvirtConnection.Open(sourceUri);
        while (!stop.IsCancellationRequested)
        {
            foreach (var name in names)
            {
                LiftLimit(connection, name);
            }

            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200), stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private static void LiftLimit(LibvirtConnection connection, string name)
    {
        try
        {
            using var guest = connection.LookupDomainByName(name);
            if (guest.GetJobStats().Type is DomainJobType.Bounded or DomainJobType.Unbounded && guest.GetMigrationMaxSpeed() < Fast)
            {
                guest.SetMigrationMaxSpeed(Fast);
            }
        }
        catch (LibvirtException)
        {
            // Gone from the source (migrated) or its job ended between the calls: nothing left to lift.
        }
    }
}
