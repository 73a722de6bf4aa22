using System.Runtime.InteropServices;

namespace WebVirt.Libvirt;

internal static partial class Interop
{
    internal static partial class Libvirt
    {
        // virDomainGetGuestInfo (libvirt >= 5.7): the typed parameters are allocated by libvirt
        // and freed by the caller with virTypedParamsFree.
        [LibraryImport(LibraryName)]
        internal static unsafe partial int virDomainGetGuestInfo(
            SafeDomainHandle domain, uint types, virTypedParameter** parameters, int* count, uint flags);

        [LibraryImport(LibraryName)]
        internal static partial int virDomainShutdownFlags(SafeDomainHandle domain, uint flags);

        // NULL mount points with a count of 0: every file system the agent knows.
        [LibraryImport(LibraryName)]
        internal static partial int virDomainFSFreeze(SafeDomainHandle domain, IntPtr mountpoints, uint count, uint flags);

        [LibraryImport(LibraryName)]
        internal static partial int virDomainFSThaw(SafeDomainHandle domain, IntPtr mountpoints, uint count, uint flags);
    }
}
