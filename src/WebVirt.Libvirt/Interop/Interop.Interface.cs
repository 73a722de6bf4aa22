using System.Runtime.InteropServices;

namespace WebVirt.Libvirt;

internal static partial class Interop
{
    internal static partial class Libvirt
    {
        internal const uint VIR_INTERFACE_XML_INACTIVE = 1;

        [LibraryImport(LibraryName)]
        internal static partial int virInterfaceFree(IntPtr iface);

        [LibraryImport(LibraryName)]
        internal static unsafe partial int virConnectListAllInterfaces(SafeConnectHandle conn, IntPtr** ifaces, uint flags);

        [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial IntPtr virInterfaceLookupByName(SafeConnectHandle conn, string name);

        [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial IntPtr virInterfaceLookupByMACString(SafeConnectHandle conn, string mac);

        // Borrowed: valid as long as the interface object lives.
        [LibraryImport(LibraryName)]
        internal static unsafe partial byte* virInterfaceGetName(IntPtr iface);

        // Borrowed, like the name.
        [LibraryImport(LibraryName)]
        internal static unsafe partial byte* virInterfaceGetMACString(IntPtr iface);

        [LibraryImport(LibraryName)]
        internal static unsafe partial byte* virInterfaceGetXMLDesc(SafeInterfaceHandle iface, uint flags);

        [LibraryImport(LibraryName)]
        internal static partial int virInterfaceIsActive(SafeInterfaceHandle iface);
    }
}
