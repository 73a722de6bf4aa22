using System.Diagnostics;
using System.Runtime.InteropServices;

namespace WebVirt.Libvirt.Events;

// libvirt needs an event loop implementation registered before the first connection, or events,
// keepalive and close callbacks never fire. The default implementation is driven by one thread.
public static class LibvirtEventLoop
{
    private static readonly Lock s_gate = new();
    private static Thread? s_thread;

    public static void EnsureStarted()
    {
        lock (s_gate)
        {
            if (s_thread is not null)
            {
                return;
            }

            InitializeLibrary();
            if (Interop.Libvirt.virEventRegisterDefaultImpl() < 0)
            {
                throw LibvirtException.FromLastError(nameof(Interop.Libvirt.virEventRegisterDefaultImpl));
            }

            var thread = new Thread(Run)
            {
                IsBackground = true,
                Name = "libvirt-event-loop",
            };
            thread.Start();
            s_thread = thread;
        }
    }

    private static unsafe void InitializeLibrary()
    {
        if (Interop.Libvirt.virInitialize() < 0)
        {
            throw LibvirtException.FromLastError(nameof(Interop.Libvirt.virInitialize));
        }

        // Without a handler libvirt prints every error to stderr, including the ones we turn into
        // exceptions; the error is still stored for virGetLastError.
        Interop.Libvirt.virSetErrorFunc(IntPtr.Zero, &IgnoreError);
    }

    [UnmanagedCallersOnly]
    private static unsafe void IgnoreError(IntPtr userData, Interop.Libvirt.virError* error)
    {
    }

    private static void Run()
    {
        while (true)
        {
            if (Interop.Libvirt.virEventRunDefaultImpl() < 0)
            {
                LibvirtException error = LibvirtException.FromLastError(nameof(Interop.Libvirt.virEventRunDefaultImpl));
                Trace.TraceError("libvirt event loop iteration failed: {0} ({1})", error.Message, error.CodeName);

                // A persistent failure would otherwise spin this thread at 100% CPU.
                Thread.Sleep(100);
            }
        }
    }
}
