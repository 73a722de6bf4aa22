using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;
using WebVirt.Libvirt.Events;

namespace WebVirt.Libvirt.Domains;

// One native lifecycle registration per connection, fanned out to any number of handlers.
// libvirt rejects a second registration of the same C callback on a connection ("event callback
// already tracked") whatever the opaque pointer, so handlers cannot each register natively.
// libvirt owns the GCHandle from registration until it calls FreeContext.
internal sealed class LifecycleEventHub
{
    private readonly ConcurrentDictionary<int, CallbackDispatcher<DomainLifecycleEvent>> _handlers = new();

    internal bool IsEmpty => _handlers.IsEmpty;

    internal static unsafe void* Callback => (delegate* unmanaged<IntPtr, IntPtr, int, int, IntPtr, int>)&OnLifecycle;

    internal static unsafe delegate* unmanaged<IntPtr, void> FreeCallback => &FreeContext;

    internal void Add(int subscriptionId, Action<DomainLifecycleEvent> handler) =>
        _handlers[subscriptionId] = new CallbackDispatcher<DomainLifecycleEvent>(handler);

    internal bool Remove(int subscriptionId)
    {
        if (!_handlers.TryRemove(subscriptionId, out CallbackDispatcher<DomainLifecycleEvent>? dispatcher))
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

    [UnmanagedCallersOnly]
    private static int OnLifecycle(IntPtr conn, IntPtr dom, int eventType, int detail, IntPtr opaque)
    {
        try
        {
            if (GCHandle.FromIntPtr(opaque).Target is LifecycleEventHub hub)
            {
                // dom is only valid during this call: copy what the handlers need.
                (string name, string uuid) = DomainIdentity.Read(dom);
                var lifecycleEvent = new DomainLifecycleEvent(name, uuid, (DomainLifecycleEventType)eventType, detail);
                foreach (CallbackDispatcher<DomainLifecycleEvent> dispatcher in hub._handlers.Values)
                {
                    dispatcher.Post(lifecycleEvent);
                }
            }
        }
        catch (Exception exception)
        {
            // An exception must not unwind into libvirt's C frames.
            Trace.TraceError("libvirt lifecycle callback failed: {0}", exception);
        }

        return 0;
    }

    [UnmanagedCallersOnly]
    private static void FreeContext(IntPtr opaque) => GCHandle.FromIntPtr(opaque).Free();
}
