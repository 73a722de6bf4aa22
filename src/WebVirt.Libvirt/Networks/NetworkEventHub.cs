using System.Diagnostics;
using System.Runtime.InteropServices;
using WebVirt.Libvirt.Events;

namespace WebVirt.Libvirt.Networks;

// Native side of network lifecycle events; libvirt owns the GCHandle until FreeContext.
internal sealed class NetworkEventHub : EventFanOut<NetworkLifecycleEvent>
{
    internal static unsafe void* Callback => (delegate* unmanaged<IntPtr, IntPtr, int, int, IntPtr, void>)&OnLifecycle;

    internal static unsafe delegate* unmanaged<IntPtr, void> FreeCallback => &FreeContext;

    [UnmanagedCallersOnly]
    private static unsafe void OnLifecycle(IntPtr conn, IntPtr network, int eventType, int detail, IntPtr opaque)
    {
        try
        {
            if (GCHandle.FromIntPtr(opaque).Target is NetworkEventHub hub)
            {
                // network is only valid during this call: copy what the handlers need.
                string name = ObjectIdentity.Name(Interop.Libvirt.virNetworkGetName(network), nameof(Interop.Libvirt.virNetworkGetName));
                string uuid = ObjectIdentity.Uuid(network, &Interop.Libvirt.virNetworkGetUUIDString, nameof(Interop.Libvirt.virNetworkGetUUIDString));
                hub.Post(new NetworkLifecycleEvent(name, uuid, (NetworkLifecycleEventType)eventType, detail));
            }
        }
        catch (Exception exception)
        {
            // An exception must not unwind into libvirt's C frames.
            Trace.TraceError("libvirt network callback failed: {0}", exception);
        }
    }

    [UnmanagedCallersOnly]
    private static void FreeContext(IntPtr opaque) => GCHandle.FromIntPtr(opaque).Free();
}
