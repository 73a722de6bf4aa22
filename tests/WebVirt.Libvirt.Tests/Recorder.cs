namespace WebVirt.Libvirt.Tests;

// Collects items delivered on another thread (libvirt handlers run on pool threads) and lets a
// test wait for one that matches.
internal sealed class Recorder<T>
{
    private readonly List<T> _items = [];
    private readonly Lock _gate = new();

    public void Add(T item)
    {
        lock (_gate)
        {
            _items.Add(item);
        }
    }

    public IReadOnlyList<T> Snapshot()
    {
        lock (_gate)
        {
            return [.. _items];
        }
    }

    public async Task<T> WaitForAsync(Func<T, bool> match, TimeSpan timeout)
    {
        DateTime deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            foreach (T item in Snapshot())
            {
                if (match(item))
                {
                    return item;
                }
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"no matching item within {timeout}; got: {string.Join(" | ", Snapshot())}");
            }

            await Task.Delay(20);
        }
    }
}
