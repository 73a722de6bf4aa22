namespace WebVirt.Libvirt;

// Reads name and UUID of networks and storage pools, which like domains hand out a borrowed
// name and write their UUID into a caller buffer.
internal static class ObjectIdentity
{
    internal static unsafe string Uuid(IntPtr handle, delegate*<IntPtr, byte*, int> getUuid, string function)
    {
        byte* buffer = stackalloc byte[Interop.Libvirt.UuidStringBufferLength];
        if (getUuid(handle, buffer) < 0)
        {
            throw LibvirtException.FromLastError(function);
        }

        return Interop.Libvirt.BorrowString(buffer)!;
    }

    internal static unsafe string Name(byte* name, string function) =>
        Interop.Libvirt.BorrowString(name) ?? throw LibvirtException.FromLastError(function);
}
