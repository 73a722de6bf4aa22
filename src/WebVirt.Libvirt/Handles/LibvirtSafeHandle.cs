using System.Runtime.InteropServices;

namespace WebVirt.Libvirt;

// Base for every libvirt object pointer. LiveCount lets tests prove that handles do not leak.
internal abstract class LibvirtSafeHandle : SafeHandle
{
    private static long s_liveCount;

    protected LibvirtSafeHandle(IntPtr nativeHandle)
        : base(IntPtr.Zero, ownsHandle: true)
    {
        SetHandle(nativeHandle);
        Interlocked.Increment(ref s_liveCount);
    }

    internal static long LiveCount => Interlocked.Read(ref s_liveCount);

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected abstract void FreeNative(IntPtr nativeHandle);

    protected override bool ReleaseHandle()
    {
        FreeNative(handle);
        Interlocked.Decrement(ref s_liveCount);
        return true;
    }
}
