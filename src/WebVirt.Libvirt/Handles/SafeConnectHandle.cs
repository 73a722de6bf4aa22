namespace WebVirt.Libvirt;

// virConnectPtr. Child handles add a reference to it, so virConnectClose runs only after the last
// domain (or other child object) built on this connection has been released.
internal sealed class SafeConnectHandle : LibvirtSafeHandle
{
    private SafeConnectHandle(IntPtr nativeHandle)
        : base(nativeHandle)
    {
    }

    internal static SafeConnectHandle Own(IntPtr nativeHandle) => new(nativeHandle);

    protected override void FreeNative(IntPtr nativeHandle) => _ = Interop.Libvirt.virConnectClose(nativeHandle);
}
