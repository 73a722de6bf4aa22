using System.Runtime.InteropServices;

namespace WebVirt.Libvirt;

internal static partial class Interop
{
    internal static partial class Libvirt
    {
        internal const int VIR_STORAGE_POOL_EVENT_ID_LIFECYCLE = 0;
        internal const int VIR_NETWORK_EVENT_ID_LIFECYCLE = 0;

        // As with domain events, the callback is the generic type in C and cast back by libvirt.
        [LibraryImport(LibraryName)]
        internal static unsafe partial int virConnectStoragePoolEventRegisterAny(
            SafeConnectHandle conn, IntPtr pool, int eventID, void* cb, IntPtr opaque, delegate* unmanaged<IntPtr, void> freecb);

        [LibraryImport(LibraryName)]
        internal static partial int virConnectStoragePoolEventDeregisterAny(SafeConnectHandle conn, int callbackID);

        [LibraryImport(LibraryName)]
        internal static unsafe partial int virConnectNetworkEventRegisterAny(
            SafeConnectHandle conn, IntPtr net, int eventID, void* cb, IntPtr opaque, delegate* unmanaged<IntPtr, void> freecb);

        [LibraryImport(LibraryName)]
        internal static partial int virConnectNetworkEventDeregisterAny(SafeConnectHandle conn, int callbackID);
    }
}
