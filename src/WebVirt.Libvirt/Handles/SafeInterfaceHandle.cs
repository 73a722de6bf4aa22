namespace WebVirt.Libvirt;

// virInterfacePtr.
internal sealed class SafeInterfaceHandle : LibvirtChildHandle
{
    private SafeInterfaceHandle(IntPtr nativeHandle, SafeConnectHandle connection)
        : base(nativeHandle, connection)
    {
    }

    private SafeInterfaceHandle(IntPtr nativeHandle, LibvirtChildHandle parent)
        : base(nativeHandle, parent)
    {
    }

    internal static SafeInterfaceHandle Own(IntPtr nativeHandle, SafeConnectHandle connection)
    {
        AddConnectionRef(connection, nativeHandle, static p => _ = Interop.Libvirt.virInterfaceFree(p));
        return new SafeInterfaceHandle(nativeHandle, connection);
    }

    internal static SafeInterfaceHandle Own(IntPtr nativeHandle, LibvirtChildHandle parent)
    {
        AddOwnerRef(parent, nativeHandle, static p => _ = Interop.Libvirt.virInterfaceFree(p));
        return new SafeInterfaceHandle(nativeHandle, parent);
    }

    protected override void FreeNative(IntPtr nativeHandle) => _ = Interop.Libvirt.virInterfaceFree(nativeHandle);
}
