using System.Diagnostics;
using System.Runtime.InteropServices;
using WebVirt.Libvirt.Events;

namespace WebVirt.Libvirt.Connection;

// Native context of virConnectRegisterCloseCallback. The remote driver releases it through
// FreeContext; drivers without close notifications accept the registration but never call
// back, so after a successful unregister the owner frees whatever libvirt did not.
internal sealed class CloseSubscription
{
    private readonly CallbackDispatcher<ConnectionCloseReason> _dispatcher;
    private GCHandle _handle;
    private int _released;

    internal CloseSubscription(Action<ConnectionCloseReason> handler)
    {
        _dispatcher = new CallbackDispatcher<ConnectionCloseReason>(handler);
        _handle = GCHandle.Alloc(this);
    }

    internal IntPtr Context => GCHandle.ToIntPtr(_handle);

    internal static unsafe delegate* unmanaged<IntPtr, int, IntPtr, void> Callback => &OnClose;

    internal static unsafe delegate* unmanaged<IntPtr, void> FreeCallback => &FreeContext;

    internal void Release()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0)
        {
            _dispatcher.Complete();
            _handle.Free();
        }
    }

    [UnmanagedCallersOnly]
    private static void OnClose(IntPtr conn, int reason, IntPtr opaque)
    {
        try
        {
            if (GCHandle.FromIntPtr(opaque).Target is CloseSubscription subscription)
            {
                subscription._dispatcher.Post((ConnectionCloseReason)reason);
            }
        }
        catch (Exception exception)
        {
            Trace.TraceError("libvirt close callback failed: {0}", exception);
        }
    }

    [UnmanagedCallersOnly]
    private static void FreeContext(IntPtr opaque)
    {
        (GCHandle.FromIntPtr(opaque).Target as CloseSubscription)?.Release();
    }
}
