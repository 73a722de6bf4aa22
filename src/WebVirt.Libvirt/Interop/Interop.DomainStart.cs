using System.Runtime.InteropServices;

namespace WebVirt.Libvirt;

internal static partial class Interop
{
    internal static partial class Libvirt
    {
        [LibraryImport(LibraryName)]
        internal static partial int virDomainCreateWithFlags(SafeDomainHandle domain, uint flags);
    }
}
