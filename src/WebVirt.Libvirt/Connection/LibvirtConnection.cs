using System.Runtime.InteropServices;
using WebVirt.Libvirt.Events;

namespace WebVirt.Libvirt.Connection;

public sealed partial class LibvirtConnection : IDisposable
{
    private readonly SafeConnectHandle _handle;
    private readonly Lock _closeGate = new();
    private CloseSubscription? _closeSubscription;
    private int _disposed;

    private LibvirtConnection(SafeConnectHandle handle, string uri)
    {
        _handle = handle;
        Uri = uri;
    }

    public string Uri { get; }

    public bool IsAlive => Interop.Libvirt.virConnectIsAlive(_handle) == 1;

    public static unsafe LibvirtConnection Open(string uri)
    {
        LibvirtEventLoop.EnsureStarted();
        IntPtr raw = Interop.Libvirt.virConnectOpen(uri);
        if (raw == IntPtr.Zero)
        {
            throw LibvirtException.FromLastError(nameof(Interop.Libvirt.virConnectOpen));
        }

        SafeConnectHandle handle = SafeConnectHandle.Own(raw);
        string canonicalUri = Interop.Libvirt.TakeOwnedString(Interop.Libvirt.virConnectGetURI(handle)) ?? uri;
        return new LibvirtConnection(handle, canonicalUri);
    }

    public unsafe string GetHostname() =>
        Interop.Libvirt.TakeOwnedString(Interop.Libvirt.virConnectGetHostname(_handle))
        ?? throw LibvirtException.FromLastError(nameof(Interop.Libvirt.virConnectGetHostname));

    public unsafe string GetCapabilities() =>
        Interop.Libvirt.TakeOwnedString(Interop.Libvirt.virConnectGetCapabilities(_handle))
        ?? throw LibvirtException.FromLastError(nameof(Interop.Libvirt.virConnectGetCapabilities));

    public unsafe string GetHypervisorType() =>
        Interop.Libvirt.BorrowString(Interop.Libvirt.virConnectGetType(_handle))
        ?? throw LibvirtException.FromLastError(nameof(Interop.Libvirt.virConnectGetType));

    public ulong GetLibVersion()
    {
        Check(Interop.Libvirt.virConnectGetLibVersion(_handle, out CULong version), nameof(Interop.Libvirt.virConnectGetLibVersion));
        return version.Value;
    }

    public ulong GetHypervisorVersion()
    {
        Check(Interop.Libvirt.virConnectGetVersion(_handle, out CULong version), nameof(Interop.Libvirt.virConnectGetVersion));
        return version.Value;
    }

    // libvirt encodes versions as major * 1,000,000 + minor * 1,000 + release.
    public static string FormatVersion(ulong v) => $"{v / 1_000_000}.{v / 1_000 % 1_000}.{v % 1_000}";

    public unsafe NodeInfo GetNodeInfo()
    {
        Interop.Libvirt.virNodeInfo info;
        Check(Interop.Libvirt.virNodeGetInfo(_handle, &info), nameof(Interop.Libvirt.virNodeGetInfo));
        string model = Interop.Libvirt.BorrowString(info.model) ?? string.Empty;
        return new NodeInfo(
            model,
            checked((long)info.memory.Value),
            checked((int)info.cpus),
            checked((int)info.mhz),
            checked((int)info.nodes),
            checked((int)info.sockets),
            checked((int)info.cores),
            checked((int)info.threads));
    }

    public void SetKeepAlive(int intervalSeconds, uint count) =>
        Check(Interop.Libvirt.virConnectSetKeepAlive(_handle, intervalSeconds, count), nameof(Interop.Libvirt.virConnectSetKeepAlive));

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        lock (_lifecycleGate)
        {
            DeregisterLifecycleHub();
        }

        DeregisterObjectEventHubs();

        UnregisterCloseCallback();

        // Domains still open keep the native connection alive through their handle reference.
        _handle.Dispose();
    }

    private static void Check(int result, string function)
    {
        if (result < 0)
        {
            throw LibvirtException.FromLastError(function);
        }
    }
}
