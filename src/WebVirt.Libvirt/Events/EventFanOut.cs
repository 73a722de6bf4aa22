using System.Collections.Concurrent;

namespace WebVirt.Libvirt.Events;

// The handlers behind one native event registration: libvirt refuses a second registration of the
// same C callback on a connection, so each kind registers once and fans out here. Each handler
// runs on its own dispatcher, never on the event loop thread.
internal class EventFanOut<T>
{
    private readonly ConcurrentDictionary<int, CallbackDispatcher<T>> _handlers = new();

    internal bool IsEmpty => _handlers.IsEmpty;

    internal void Add(int subscriptionId, Action<T> handler) => _handlers[subscriptionId] = new CallbackDispatcher<T>(handler);

    internal bool Remove(int subscriptionId)
    {
        if (!_handlers.TryRemove(subscriptionId, out CallbackDispatcher<T>? dispatcher))
        {
            return false;
        }

        dispatcher.Complete();
        return true;
    }

    internal void RemoveAll()
    {
        foreach (int subscriptionId in _handlers.Keys)
        {
            Remove(subscriptionId);
        }
    }

    internal void Post(T item)
    {
        foreach (CallbackDispatcher<T> dispatcher in _handlers.Values)
        {
            dispatcher.Post(item);
        }
    }
}
