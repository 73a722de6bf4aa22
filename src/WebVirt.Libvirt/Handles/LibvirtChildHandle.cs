using System.Runtime.InteropServices;

namespace WebVirt.Libvirt;

// Base for objects that belong to a connection (domain, network, storage pool/volume, stream,
// snapshot, interface). Holding a reference on the owner keeps the connection open while the
// child is alive, even when the LibvirtConnection that produced it is disposed first. The owner
// is the connection itself, or the parent object (the pool of a volume, the domain of a snapshot
// or console stream) when the child is made from a parent: a disposed SafeConnectHandle refuses
// new references, but its still-referenced parent does not, so children of children keep working.
internal abstract class LibvirtChildHandle : LibvirtSafeHandle
{
    private readonly SafeHandle _owner;
    private readonly SafeConnectHandle _connection;

    // The caller has already taken the reference (see AddConnectionRef) so a closed connection
    // fails before this object exists and its finalizer can never release a reference it lacks.
    protected LibvirtChildHandle(IntPtr nativeHandle, SafeConnectHandle connection)
        : this(nativeHandle, connection, connection)
    {
    }

    // The caller has already taken a reference on the parent (see AddOwnerRef).
    protected LibvirtChildHandle(IntPtr nativeHandle, LibvirtChildHandle parent)
        : this(nativeHandle, parent, parent.Connection)
    {
    }

    private LibvirtChildHandle(IntPtr nativeHandle, SafeHandle owner, SafeConnectHandle connection)
        : base(nativeHandle)
    {
        _owner = owner;
        _connection = connection;
    }

    internal SafeConnectHandle Connection => _connection;

    // The native virConnectPtr, for calls that need it after the connection's owner disposed its
    // handle. Only valid while the caller holds a reference on this child.
    internal IntPtr DangerousGetConnectionPointer() => _connection.DangerousGetHandle();

    // Frees the fresh native pointer itself when the connection is already closed, so that the
    // failure does not leak it.
    protected static void AddConnectionRef(SafeConnectHandle connection, IntPtr nativeHandle, Action<IntPtr> freeNative) =>
        AddOwnerRef(connection, nativeHandle, freeNative);

    protected static void AddOwnerRef(SafeHandle owner, IntPtr nativeHandle, Action<IntPtr> freeNative)
    {
        try
        {
            bool added = false;
            owner.DangerousAddRef(ref added);
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
        _owner.DangerousRelease();
        return released;
    }
}
