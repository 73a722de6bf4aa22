namespace WebVirt.Libvirt;

// Base for objects that belong to a connection (domain, network, storage pool/volume, stream,
// snapshot). Holding a reference on the connection handle keeps the connection open while the
// child is alive, even when the LibvirtConnection that produced it is disposed first.
internal abstract class LibvirtChildHandle : LibvirtSafeHandle
{
    private readonly SafeConnectHandle _connection;

    // The caller has already taken the reference (see AddConnectionRef) so a closed connection
    // fails before this object exists and its finalizer can never release a reference it lacks.
    protected LibvirtChildHandle(IntPtr nativeHandle, SafeConnectHandle connection)
        : base(nativeHandle)
    {
        _connection = connection;
    }

    internal SafeConnectHandle Connection => _connection;

    // Frees the fresh native pointer itself when the connection is already closed, so that the
    // failure does not leak it.
    protected static void AddConnectionRef(SafeConnectHandle connection, IntPtr nativeHandle, Action<IntPtr> freeNative)
    {
        try
        {
            bool added = false;
            connection.DangerousAddRef(ref added);
        }
        catch
        {
            freeNative(nativeHandle);
            throw;
        }
    }

    protected sealed override bool ReleaseHandle()
    {
        bool released = base.ReleaseHandle();
        _connection.DangerousRelease();
        return released;
    }
}
