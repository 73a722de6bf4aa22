using System.Diagnostics;
using System.Threading.Channels;

namespace WebVirt.Libvirt.Events;

// Decouples libvirt callbacks from user code: the event-loop thread only enqueues, a pool task
// runs the handler. A slow or throwing handler therefore never stalls libvirt's event loop,
// and handlers see events in the order libvirt raised them.
internal sealed class CallbackDispatcher<T>
{
    private readonly Channel<T> _channel = Channel.CreateUnbounded<T>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Action<T> _handler;

    internal CallbackDispatcher(Action<T> handler)
    {
        _handler = handler;
        Completion = Task.Run(PumpAsync);
    }

    internal Task Completion { get; }

    internal void Post(T item) => _channel.Writer.TryWrite(item);

    internal void Complete() => _channel.Writer.TryComplete();

    private async Task PumpAsync()
    {
        await foreach (T item in _channel.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            try
            {
                _handler(item);
            }
            catch (Exception exception)
            {
                // Nobody up the stack can observe it; losing the pump would silence later events.
                Trace.TraceError("libvirt event handler threw: {0}", exception);
            }
        }
    }
}
