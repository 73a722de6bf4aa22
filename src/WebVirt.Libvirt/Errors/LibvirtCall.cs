namespace WebVirt.Libvirt;

// Turns libvirt's -1 / NULL failure returns into LibvirtException on the calling thread, at once,
// before anything else can overwrite the thread-local error.
internal static class LibvirtCall
{
    internal static void Check(int result, string function)
    {
        if (result < 0)
        {
            throw LibvirtException.FromLastError(function);
        }
    }

    internal static bool CheckBool(int result, string function)
    {
        Check(result, function);
        return result == 1;
    }

    internal static unsafe string OwnedString(byte* value, string function) =>
        Interop.Libvirt.TakeOwnedString(value) ?? throw LibvirtException.FromLastError(function);

    internal static IntPtr CheckPointer(IntPtr value, string function) =>
        value == IntPtr.Zero ? throw LibvirtException.FromLastError(function) : value;

    // Runs a call that needs the raw connection pointer of a child, holding the child so the
    // connection stays open even if its LibvirtConnection was disposed meanwhile.
    internal static T WithConnection<T>(LibvirtChildHandle child, Func<IntPtr, T> call)
    {
        bool added = false;
        child.DangerousAddRef(ref added);
        try
        {
            return call(child.DangerousGetConnectionPointer());
        }
        finally
        {
            child.DangerousRelease();
        }
    }
}
