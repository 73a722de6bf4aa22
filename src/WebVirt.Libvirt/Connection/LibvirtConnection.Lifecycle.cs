using System.Diagnostics;
using System.Runtime.InteropServices;
using WebVirt.Libvirt.Domains;

namespace WebVirt.Libvirt.Connection;

public sealed partial class LibvirtConnection
{
    private readonly Lock _lifecycleGate = new();
    private LifecycleEventHub? _lifecycleHub;
    private int _nativeLifecycleCallbackId = -1;
    private int _lastSubscriptionId;

    // The returned id is this connection's handle for the subscription, not libvirt's callback id.
    public int RegisterDomainLifecycleEvents(Action<DomainLifecycleEvent> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        lock (_lifecycleGate)
        {
            ObjectDisposedException.ThrowIf(_disposed != 0, this);
            LifecycleEventHub hub = _lifecycleHub ?? RegisterLifecycleHub();
            int subscriptionId = Interlocked.Increment(ref _lastSubscriptionId);
            hub.Add(subscriptionId, handler);
            return subscriptionId;
        }
    }

    public void DeregisterDomainEvents(int callbackId)
    {
        lock (_lifecycleGate)
        {
            if (_lifecycleHub is null || !_lifecycleHub.Remove(callbackId))
            {
                throw new ArgumentException($"no lifecycle subscription {callbackId} on this connection", nameof(callbackId));
            }

            if (_lifecycleHub.IsEmpty)
            {
                DeregisterLifecycleHub();
            }
        }
    }

    private unsafe LifecycleEventHub RegisterLifecycleHub()
    {
        var hub = new LifecycleEventHub();
        GCHandle context = GCHandle.Alloc(hub);
        int nativeId = Interop.Libvirt.virConnectDomainEventRegisterAny(
            _handle,
            IntPtr.Zero,
            Interop.Libvirt.VIR_DOMAIN_EVENT_ID_LIFECYCLE,
            LifecycleEventHub.Callback,
            GCHandle.ToIntPtr(context),
            LifecycleEventHub.FreeCallback);
        if (nativeId < 0)
        {
            LibvirtException error = LibvirtException.FromLastError(nameof(Interop.Libvirt.virConnectDomainEventRegisterAny));

            // libvirt does not call the free callback for a registration that failed.
            context.Free();
            throw error;
        }

        _lifecycleHub = hub;
        _nativeLifecycleCallbackId = nativeId;
        return hub;
    }

    private void DeregisterLifecycleHub()
    {
        LifecycleEventHub? hub = _lifecycleHub;
        int nativeId = _nativeLifecycleCallbackId;
        _lifecycleHub = null;
        _nativeLifecycleCallbackId = -1;
        if (hub is null)
        {
            return;
        }

        hub.RemoveAll();
        if (Interop.Libvirt.virConnectDomainEventDeregisterAny(_handle, nativeId) < 0)
        {
            // Expected when the daemon is gone: the remote driver drops the callback locally first.
            LibvirtException error = LibvirtException.FromLastError(nameof(Interop.Libvirt.virConnectDomainEventDeregisterAny));
            Trace.TraceWarning("Deregistering libvirt lifecycle callback {0} failed: {1}", nativeId, error.Message);
        }
    }
}
