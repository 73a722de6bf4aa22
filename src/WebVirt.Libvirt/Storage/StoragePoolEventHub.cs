using System.Diagnostics;
using System.Runtime.InteropServices;
using WebVirt.Libvirt.Events;

namespace WebVirt.Libvirt.Storage;

// Native side of storage pool lifecycle events; libvirt owns the GCHandle until FreeContext.
internal sealed class StoragePoolEventHub : EventFanOut<StoragePoolLifecycleEvent>
{
    internal static unsafe void* Callback => (delegate* unmanaged<IntPtr, IntPtr, int, int, IntPtr, void>)&OnLifecycle;

    internal static unsafe delegate* unmanaged<IntPtr, void> FreeCallback => &FreeContext;

    [UnmanagedCallersOnly]
    private static unsafe void OnLifecycle(IntPtr conn, IntPtr pool, int eventType, int detail, IntPtr opaque)
    {
        try
        {
            if (GCHandle.FromIntPtr(opaque).Target is StoragePoolEventHub hub)
            {
                // pool is only valid during this call: copy what the handlers need.
                string name = ObjectIdentity.Name(Interop.Libvirt.virStoragePoolGetName(pool), nameof(Interop.Libvirt.virStoragePoolGetName));
                string uuid = ObjectIdentity.Uuid(pool, &Interop.Libvirt.virStoragePoolGetUUIDString, nameof(Interop.Libvirt.virStoragePoolGetUUIDString));
                hub.Post(new StoragePoolLifecycleEvent(name, uuid, (StoragePoolLifecycleEventType)eventType, detail));
            }
        }
        catch (Exception exception)
        {
            // An exception must not unwind into libvirt's C frames.
            Trace.TraceError("libvirt storage pool callback failed: {0}", exception);
        }
    }

    [UnmanagedCallersOnly]
    private static void FreeContext(IntPtr opaque) => GCHandle.FromIntPtr(opaque).Free();
}
