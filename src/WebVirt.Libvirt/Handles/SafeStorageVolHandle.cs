namespace WebVirt.Libvirt;

// virStorageVolPtr. Volumes listed from a pool keep the pool handle alive.
internal sealed class SafeStorageVolHandle : LibvirtChildHandle
{
    private SafeStorageVolHandle(IntPtr nativeHandle, SafeConnectHandle connection)
        : base(nativeHandle, connection)
    {
    }

    private SafeStorageVolHandle(IntPtr nativeHandle, LibvirtChildHandle parent)
        : base(nativeHandle, parent)
    {
    }

    internal static SafeStorageVolHandle Own(IntPtr nativeHandle, SafeConnectHandle connection)
    {
        AddConnectionRef(connection, nativeHandle, static p => _ = Interop.Libvirt.virStorageVolFree(p));
        return new SafeStorageVolHandle(nativeHandle, connection);
    }

    internal static SafeStorageVolHandle Own(IntPtr nativeHandle, LibvirtChildHandle parent)
    {
        AddOwnerRef(parent, nativeHandle, static p => _ = Interop.Libvirt.virStorageVolFree(p));
        return new SafeStorageVolHandle(nativeHandle, parent);
    }

    protected override void FreeNative(IntPtr nativeHandle) => _ = Interop.Libvirt.virStorageVolFree(nativeHandle);
}
