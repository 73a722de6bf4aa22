using System.Diagnostics;

namespace WebVirt.Libvirt.Connection;

public sealed partial class LibvirtConnection
{
    // Replaces any handler registered before: libvirt keeps one close callback per connection.
    public unsafe void RegisterCloseCallback(Action<ConnectionCloseReason> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        lock (_closeGate)
        {
            UnregisterCloseCallbackLocked();
            var subscription = new CloseSubscription(handler);
            if (Interop.Libvirt.virConnectRegisterCloseCallback(_handle, CloseSubscription.Callback, subscription.Context, CloseSubscription.FreeCallback) < 0)
            {
                LibvirtException error = LibvirtException.FromLastError(nameof(Interop.Libvirt.virConnectRegisterCloseCallback));
                subscription.Release();
                throw error;
            }

            _closeSubscription = subscription;
        }
    }

    private void UnregisterCloseCallback()
    {
        lock (_closeGate)
        {
            UnregisterCloseCallbackLocked();
        }
    }

    private unsafe void UnregisterCloseCallbackLocked()
    {
        CloseSubscription? subscription = _closeSubscription;
        if (subscription is null)
        {
            return;
        }

        _closeSubscription = null;
        if (Interop.Libvirt.virConnectUnregisterCloseCallback(_handle, CloseSubscription.Callback) < 0)
        {
            // libvirt may still hold the context and call into it: leaking it is the safe choice.
            LibvirtException exception = LibvirtException.FromLastError(nameof(Interop.Libvirt.virConnectUnregisterCloseCallback));
            Trace.TraceWarning("Unregistering the libvirt close callback failed: {0}", exception.Message);
            return;
        }

        subscription.Release();
    }
}
