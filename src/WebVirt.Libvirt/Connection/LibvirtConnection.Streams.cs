using WebVirt.Libvirt.Streams;

namespace WebVirt.Libvirt.Connection;

public sealed partial class LibvirtConnection
{
    /// <summary>A new stream on this connection, for calls that take one (console, upload, download).</summary>
    public LibvirtStream CreateStream(bool nonBlocking = false) => LibvirtStream.Create(_handle, nonBlocking);
}
