using WebVirt.Libvirt.Streams;

namespace WebVirt.Libvirt.Domains;

public sealed partial class LibvirtDomain
{
    /// <summary>
    /// Opens the guest's console (deviceName null: the first console; or an alias like "serial0")
    /// as a non-blocking stream: call StartReceiving, then ReceiveAsync/SendAsync.
    /// </summary>
    public LibvirtStream OpenConsole(string? deviceName = null, ConsoleFlags flags = ConsoleFlags.None)
    {
        LibvirtStream stream = LibvirtStream.Create(_handle, nonBlocking: true);
        try
        {
            LibvirtCall.Check(Interop.Libvirt.virDomainOpenConsole(_handle, deviceName, stream.Handle, (uint)flags), nameof(Interop.Libvirt.virDomainOpenConsole));
            return stream;
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The image of one screen (0 is the primary display). Blocks the calling thread while the
    /// image streams in, so call it from a pool thread.
    /// </summary>
    public unsafe DomainScreenshot TakeScreenshot(uint screen = 0)
    {
        using LibvirtStream stream = LibvirtStream.Create(_handle, nonBlocking: false);
        string mimeType = LibvirtCall.OwnedString(
            Interop.Libvirt.virDomainScreenshot(_handle, stream.Handle, screen, 0), nameof(Interop.Libvirt.virDomainScreenshot));
        try
        {
            using var image = new MemoryStream();
            byte[] buffer = new byte[64 * 1024];
            int read;
            while ((read = stream.Receive(buffer)) > 0)
            {
                image.Write(buffer, 0, read);
            }

            stream.Finish();
            return new DomainScreenshot(mimeType, image.ToArray());
        }
        catch
        {
            stream.AbortQuietly();
            throw;
        }
    }
}
