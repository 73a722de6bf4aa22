using System.Diagnostics;
using System.Runtime.InteropServices;
using WebVirt.Libvirt.Networks;
using WebVirt.Libvirt.Storage;

namespace WebVirt.Libvirt.Connection;

// Storage pool and network lifecycle events, registered natively once per kind on first use and
// fanned out (see EventFanOut). Ids share the counter of domain lifecycle subscriptions.
public sealed partial class LibvirtConnection
{
    private readonly Lock _objectEventGate = new();
    private StoragePoolEventHub? _poolHub;
    private int _nativePoolCallbackId = -1;
    private NetworkEventHub? _networkHub;
    private int _nativeNetworkCallbackId = -1;

    public unsafe int RegisterStoragePoolLifecycleEvents(Action<StoragePoolLifecycleEvent> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        lock (_objectEventGate)
        {
            ObjectDisposedException.ThrowIf(_disposed != 0, this);
            if (_poolHub is null)
            {
                var hub = new StoragePoolEventHub();
                _nativePoolCallbackId = RegisterNative(
                    hub,
                    (context) => Interop.Libvirt.virConnectStoragePoolEventRegisterAny(
                        _handle, IntPtr.Zero, Interop.Libvirt.VIR_STORAGE_POOL_EVENT_ID_LIFECYCLE, StoragePoolEventHub.Callback, context, StoragePoolEventHub.FreeCallback),
                    nameof(Interop.Libvirt.virConnectStoragePoolEventRegisterAny));
                _poolHub = hub;
            }

            int subscriptionId = Interlocked.Increment(ref _lastSubscriptionId);
            _poolHub.Add(subscriptionId, handler);
            return subscriptionId;
        }
    }

    public void DeregisterStoragePoolEvents(int callbackId)
    {
        lock (_objectEventGate)
        {
            if (_poolHub is null || !_poolHub.Remove(callbackId))
            {
                throw new ArgumentException($"no storage pool subscription {callbackId} on this connection", nameof(callbackId));
            }

            if (_poolHub.IsEmpty)
            {
                DeregisterPoolHubLocked();
            }
        }
    }

    public unsafe int RegisterNetworkLifecycleEvents(Action<NetworkLifecycleEvent> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        lock (_objectEventGate)
        {
            ObjectDisposedException.ThrowIf(_disposed != 0, this);
            if (_networkHub is null)
            {
                var hub = new NetworkEventHub();
                _nativeNetworkCallbackId = RegisterNative(
                    hub,
                    (context) => Interop.Libvirt.virConnectNetworkEventRegisterAny(
                        _handle, IntPtr.Zero, Interop.Libvirt.VIR_NETWORK_EVENT_ID_LIFECYCLE, NetworkEventHub.Callback, context, NetworkEventHub.FreeCallback),
                    nameof(Interop.Libvirt.virConnectNetworkEventRegisterAny));
                _networkHub = hub;
            }

            int subscriptionId = Interlocked.Increment(ref _lastSubscriptionId);
            _networkHub.Add(subscriptionId, handler);
            return subscriptionId;
        }
    }

    public void DeregisterNetworkEvents(int callbackId)
    {
        lock (_objectEventGate)
        {
            if (_networkHub is null || !_networkHub.Remove(callbackId))
            {
                throw new ArgumentException($"no network subscription {callbackId} on this connection", nameof(callbackId));
            }

            if (_networkHub.IsEmpty)
            {
                DeregisterNetworkHubLocked();
            }
        }
    }

    private void DeregisterObjectEventHubs()
    {
        lock (_objectEventGate)
        {
            DeregisterPoolHubLocked();
            DeregisterNetworkHubLocked();
        }
    }

    private static int RegisterNative(object hub, Func<IntPtr, int> register, string function)
    {
        GCHandle context = GCHandle.Alloc(hub);
        int nativeId = register(GCHandle.ToIntPtr(context));
        if (nativeId < 0)
        {
            LibvirtException error = LibvirtException.FromLastError(function);

            // libvirt does not call the free callback for a registration that failed.
            context.Free();
            throw error;
        }

        return nativeId;
    }

    private void DeregisterPoolHubLocked()
    {
        if (_poolHub is null)
        {
            return;
        }

        _poolHub.RemoveAll();
        _poolHub = null;
        WarnOnFailure(
            Interop.Libvirt.virConnectStoragePoolEventDeregisterAny(_handle, _nativePoolCallbackId),
            nameof(Interop.Libvirt.virConnectStoragePoolEventDeregisterAny));
        _nativePoolCallbackId = -1;
    }

    private void DeregisterNetworkHubLocked()
    {
        if (_networkHub is null)
        {
            return;
        }

        _networkHub.RemoveAll();
        _networkHub = null;
        WarnOnFailure(
            Interop.Libvirt.virConnectNetworkEventDeregisterAny(_handle, _nativeNetworkCallbackId),
            nameof(Interop.Libvirt.virConnectNetworkEventDeregisterAny));
        _nativeNetworkCallbackId = -1;
    }

    // Expected when the daemon is gone: the remote driver drops the callback locally first.
    private static void WarnOnFailure(int result, string function)
    {
        if (result < 0)
        {
            LibvirtException error = LibvirtException.FromLastError(function);
            Trace.TraceWarning("{0} failed: {1}", function, error.Message);
        }
    }
}
