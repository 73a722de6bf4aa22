using System.Text;
using WebVirt.Domain.CloudInit;

namespace WebVirt.Testing;

/// <summary>
/// A small ISO 9660 image standing in for virtio-win.iso. It is written by the product's own ISO writer, not by
/// xorriso: Debian 12's xorriso 1.5.4 crashed (SIGSEGV) now and then while writing it, failing a test before any
/// WebVirt code ran.
/// </summary>
public static class StandInDriverIso
{
    /// <summary>Writes the image to <paramref name="path"/>, readable by everyone (QEMU runs as another user).</summary>
    public static async Task WriteAsync(string path)
    {
        byte[] image = IsoImageWriter.Write(
            "VIRTIOWIN",
            [new IsoFile("README.txt", Encoding.ASCII.GetBytes("stand-in for the virtio-win driver disk\n"))],
            DateTimeOffset.UtcNow);
        await File.WriteAllBytesAsync(path, image);
        File.SetUnixFileMode(path, (UnixFileMode)0b110_100_100);
    }
}
