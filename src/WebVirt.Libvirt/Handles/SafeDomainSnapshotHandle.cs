namespace WebVirt.Libvirt;

// virDomainSnapshotPtr. Keeps its domain handle alive.
internal sealed class SafeDomainSnapshotHandle : LibvirtChildHandle
{
    private SafeDomainSnapshotHandle(IntPtr nativeHandle, SafeConnectHandle connection)
        : base(nativeHandle, connection)
    {
    }

    private SafeDomainSnapshotHandle(IntPtr nativeHandle, LibvirtChildHandle parent)
        : base(nativeHandle, parent)
    {
    }

    internal static SafeDomainSnapshotHandle Own(IntPtr nativeHandle, SafeConnectHandle connection)
    {
        AddConnectionRef(connection, nativeHandle, static p => _ = Interop.Libvirt.virDomainSnapshotFree(p));
        return new SafeDomainSnapshotHandle(nativeHandle, connection);
    }

    internal static SafeDomainSnapshotHandle Own(IntPtr nativeHandle, LibvirtChildHandle parent)
    {
        AddOwnerRef(parent, nativeHandle, static p => _ = Interop.Libvirt.virDomainSnapshotFree(p));
        return new SafeDomainSnapshotHandle(nativeHandle, parent);
    }

    protected override void FreeNative(IntPtr nativeHandle) => _ = Interop.Libvirt.virDomainSnapshotFree(nativeHandle);
}
