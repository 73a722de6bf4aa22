namespace WebVirt.Agent.Provisioning;

/// <summary>
/// The background tasks (create, clone) that act on a guest, by guest name, so that deleting the
/// guest can cancel them and wait until each has rolled back: a task left running would define,
/// start or re-create what the delete just removed.
/// </summary>
internal sealed class GuestTaskRegistry
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, List<Lease>> _leases = new(StringComparer.Ordinal);

    /// <summary>Registers a task on <paramref name="guest"/>; its token also ends with <paramref name="stopping"/>. Dispose when the task is done.</summary>
    public Lease Begin(string guest, CancellationToken stopping)
    {
        var lease = new Lease(this, guest, CancellationTokenSource.CreateLinkedTokenSource(stopping));
        lock (_lock)
        {
            if (!_leases.TryGetValue(guest, out var list))
            {
                _leases[guest] = list = [];
            }

            list.Add(lease);
        }

        return lease;
    }

    /// <summary>Cancels every task on <paramref name="guest"/> and waits until they all ended.</summary>
    public async Task CancelAsync(string guest)
    {
        Lease[] running;
        lock (_lock)
        {
            running = _leases.TryGetValue(guest, out var list) ? [.. list] : [];
        }

        foreach (var lease in running)
        {
            await lease.CancelAsync();
        }

        await Task.WhenAll(running.Select(l => l.Ended));
    }

    private void End(Lease lease)
    {
        lock (_lock)
        {
            if (_leases.TryGetValue(lease.Guest, out var list) && list.Remove(lease) && list.Count == 0)
            {
                _leases.Remove(lease.Guest);
            }
        }
    }

    /// <summary>One registered task: its cancellation, and a signal once it has ended.</summary>
    internal sealed class Lease(GuestTaskRegistry registry, string guest, CancellationTokenSource cancellation) : IDisposable
    {
        private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string Guest => guest;

        public CancellationToken Token { get; } = cancellation.Token;

        public Task Ended => _ended.Task;

        public async Task CancelAsync()
        {
            try
            {
                await cancellation.CancelAsync();
            }
            catch (ObjectDisposedException)
            {
                // The task ended between the look-up and the cancel: nothing left to stop.
            }
        }

        public void Dispose()
        {
            registry.End(this);
            _ended.TrySetResult();
            cancellation.Dispose();
        }
    }
}
