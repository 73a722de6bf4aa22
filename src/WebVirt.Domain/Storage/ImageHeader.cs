using System.Buffers.Binary;

namespace WebVirt.Domain.Storage;

/// <summary>
/// What the first bytes of a downloaded image say: qcow2 by its magic ("QFI\xfb"), else raw. A
/// qcow2 header that names a backing file is flagged: an image from the Internet could point it
/// at any file on the host, so such a download is refused.
/// </summary>
public sealed record ImageHeader(bool IsQcow2, bool HasBackingFile)
{
    /// <summary>Bytes the detection needs: the magic, the version and the backing file's offset.</summary>
    public const int Length = 16;

    private static ReadOnlySpan<byte> Qcow2Magic => [(byte)'Q', (byte)'F', (byte)'I', 0xfb];

    public static ImageHeader Read(ReadOnlySpan<byte> start)
    {
        if (start.Length < Qcow2Magic.Length || !start[..Qcow2Magic.Length].SequenceEqual(Qcow2Magic))
        {
            return new ImageHeader(false, false);
        }

        // Too short to hold the offset: not an image qemu would open, so not one that can name a backing file either.
        bool backing = start.Length >= Length && BinaryPrimitives.ReadUInt64BigEndian(start[8..16]) != 0;
        return new ImageHeader(true, backing);
    }

    /// <summary>The format the volume holds: qcow2 by the magic, else what the name says (raw or iso).</summary>
    public VolumeFormat FormatFor(VolumeFormat named) =>
        IsQcow2 ? VolumeFormat.Qcow2 : named == VolumeFormat.Qcow2 ? VolumeFormat.Raw : named;
}
