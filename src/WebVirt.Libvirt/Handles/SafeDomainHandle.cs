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
        AddConnectionRef(connection, nativeHandle, static p => Interop.Libvirt.virDomainFree(p));
        return new SafeDomainHandle(nativeHandle, connection);
    }

    protected override void FreeNative(IntPtr nativeHandle) => Interop.Libvirt.virDomainFree(nativeHandle);
}
