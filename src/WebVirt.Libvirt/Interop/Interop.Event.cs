using System.Runtime.InteropServices;

namespace WebVirt.Libvirt;

internal static partial class Interop
{
    internal static partial class Libvirt
    {
        internal const int VIR_DOMAIN_EVENT_ID_LIFECYCLE = 0;

        [LibraryImport(LibraryName)]
        internal static partial int virEventRegisterDefaultImpl();

        [LibraryImport(LibraryName)]
        internal static partial int virEventRunDefaultImpl();

        // The callback parameter is virConnectDomainEventGenericCallback in C; libvirt casts it back
        // to the event-specific signature, so the lifecycle callback is passed here untyped.
        [LibraryImport(LibraryName)]
        internal static unsafe partial int virConnectDomainEventRegisterAny(
            SafeConnectHandle conn, IntPtr dom, int eventID, void* cb, IntPtr opaque, delegate* unmanaged<IntPtr, void> freecb);

        [LibraryImport(LibraryName)]
        internal static partial int virConnectDomainEventDeregisterAny(SafeConnectHandle conn, int callbackID);
    }
}
