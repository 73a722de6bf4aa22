namespace WebVirt.Libvirt;

// virStoragePoolPtr.
internal sealed class SafeStoragePoolHandle : LibvirtChildHandle
{
    private SafeStoragePoolHandle(IntPtr nativeHandle, SafeConnectHandle connection)
        : base(nativeHandle, connection)
    {
    }

    private SafeStoragePoolHandle(IntPtr nativeHandle, LibvirtChildHandle parent)
        : base(nativeHandle, parent)
    {
    }

    internal static SafeStoragePoolHandle Own(IntPtr nativeHandle, SafeConnectHandle connection)
    {
        AddConnectionRef(connection, nativeHandle, static p => _ = Interop.Libvirt.virStoragePoolFree(p));
        return new SafeStoragePoolHandle(nativeHandle, connection);
    }

    internal static SafeStoragePoolHandle Own(IntPtr nativeHandle, LibvirtChildHandle parent)
    {
        AddOwnerRef(parent, nativeHandle, static p => _ = Interop.Libvirt.virStoragePoolFree(p));
        return new SafeStoragePoolHandle(nativeHandle, parent);
    }

    protected override void FreeNative(IntPtr nativeHandle) => _ = Interop.Libvirt.virStoragePoolFree(nativeHandle);
}
