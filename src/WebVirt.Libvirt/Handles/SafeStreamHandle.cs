namespace WebVirt.Libvirt;

// virStreamPtr. Streams opened for a domain or volume keep that object alive.
internal sealed class SafeStreamHandle : LibvirtChildHandle
{
    private SafeStreamHandle(IntPtr nativeHandle, SafeConnectHandle connection)
        : base(nativeHandle, connection)
    {
    }

    private SafeStreamHandle(IntPtr nativeHandle, LibvirtChildHandle parent)
        : base(nativeHandle, parent)
    {
    }

    internal static SafeStreamHandle Own(IntPtr nativeHandle, SafeConnectHandle connection)
    {
        AddConnectionRef(connection, nativeHandle, static p => _ = Interop.Libvirt.virStreamFree(p));
        return new SafeStreamHandle(nativeHandle, connection);
    }

    internal static SafeStreamHandle Own(IntPtr nativeHandle, LibvirtChildHandle parent)
    {
        AddOwnerRef(parent, nativeHandle, static p => _ = Interop.Libvirt.virStreamFree(p));
        return new SafeStreamHandle(nativeHandle, parent);
    }

    protected override void FreeNative(IntPtr nativeHandle) => _ = Interop.Libvirt.virStreamFree(nativeHandle);
}
