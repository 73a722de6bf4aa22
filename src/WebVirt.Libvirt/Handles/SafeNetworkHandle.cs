namespace WebVirt.Libvirt;

// virNetworkPtr.
internal sealed class SafeNetworkHandle : LibvirtChildHandle
{
    private SafeNetworkHandle(IntPtr nativeHandle, SafeConnectHandle connection)
        : base(nativeHandle, connection)
    {
    }

    private SafeNetworkHandle(IntPtr nativeHandle, LibvirtChildHandle parent)
        : base(nativeHandle, parent)
    {
    }

    internal static SafeNetworkHandle Own(IntPtr nativeHandle, SafeConnectHandle connection)
    {
        AddConnectionRef(connection, nativeHandle, static p => _ = Interop.Libvirt.virNetworkFree(p));
        return new SafeNetworkHandle(nativeHandle, connection);
    }

    internal static SafeNetworkHandle Own(IntPtr nativeHandle, LibvirtChildHandle parent)
    {
        AddOwnerRef(parent, nativeHandle, static p => _ = Interop.Libvirt.virNetworkFree(p));
        return new SafeNetworkHandle(nativeHandle, parent);
    }

    protected override void FreeNative(IntPtr nativeHandle) => _ = Interop.Libvirt.virNetworkFree(nativeHandle);
}
