namespace WebVirt.Libvirt;

// virDomainPtr.
internal sealed class SafeDomainHandle : LibvirtChildHandle
{
    private SafeDomainHandle(IntPtr nativeHandle, SafeConnectHandle connection)
        : base(nativeHandle, connection)
    {
    }

    internal static SafeDomainHandle Own(IntPtr nativeHandle, SafeConnectHandle connection)
    {
        AddConnectionRef(connection, nativeHandle, static p => _ = Interop.Libvirt.virDomainFree(p));
        return new SafeDomainHandle(nativeHandle, connection);
    }

    protected override void FreeNative(IntPtr nativeHandle) => _ = Interop.Libvirt.virDomainFree(nativeHandle);
}
