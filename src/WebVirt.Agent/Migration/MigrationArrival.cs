using WebVirt.Libvirt;

namespace WebVirt.Agent.Migration;

/// <summary>
/// When a live-migrated guest runs on the destination. libvirt's finish step resumes it there and
/// only then does the source's confirm step stop the source's QEMU, which waits for that process to
/// exit (1–2 s here, bench/README.md "Where WebVirt's time goes"): the migrate call returns that much
/// after the guest runs over there. The destination's own "resumed" event for the incoming guest
/// (detail "migrated"; any resume of it there means it runs there), through the connection the
/// migration already holds, says when it does.
/// </summary>
internal sealed class MigrationArrival : IDisposable
{
    private readonly LibvirtConnection _destination;
    private readonly int _subscription;
    private readonly TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private MigrationArrival(LibvirtConnection destination, string uuid)
    {
        _destination = destination;
        _subscription = destination.RegisterDomainLifecycleEvents(e =>
        {
            if (e.Event == DomainLifecycleEventType.Resumed && string.Equals(e.Uuid, uuid, StringComparison.OrdinalIgnoreCase))
            {
                _arrived.TrySetResult();
            }
        });
    }

    /// <summary>Completes once the destination resumed the guest; never, if it does not.</summary>
    public Task Arrived => _arrived.Task;

    /// <summary>Watches <paramref name="destination"/> for <paramref name="uuid"/>; null when it cannot (the migration then reports at its end only).</summary>
    public static MigrationArrival? Watch(LibvirtConnection destination, string uuid, ILogger logger, string guest, string host)
    {
        try
        {
            return new MigrationArrival(destination, uuid);
        }
        catch (LibvirtException ex)
        {
            MigrationLog.NoArrivalEvents(logger, guest, host, ex.Message);
            return null;
        }
    }

    public void Dispose()
    {
        try
        {
            _destination.DeregisterDomainEvents(_subscription);
        }
        catch (Exception ex) when (ex is ObjectDisposedException or ArgumentException)
        {
            // The connection closed first: its subscriptions went with it.
        }
    }
}
