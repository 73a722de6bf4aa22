namespace WebVirt.Libvirt.Tests.Qemu;

// Records reports synchronously on the reporting thread (Progress<T> would post them to a
// synchronization context, and a test could look before they arrive).
internal sealed class ProgressLog : IProgress<long>
{
    private readonly List<long> _values = [];
    private readonly Lock _gate = new();

    public IReadOnlyList<long> Values
    {
        get
        {
            lock (_gate)
            {
                return [.. _values];
            }
        }
    }

    public void Report(long value)
    {
        lock (_gate)
        {
            _values.Add(value);
        }
    }
}
