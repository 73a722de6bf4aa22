using SkiaSharp;

namespace WebVirt.Agent.Screenshots;

/// <summary>
/// Turns what libvirt hands back for a screenshot into a small PNG a browser can show: QEMU sends
/// PPM, which browsers cannot display, and a full-size screen would make every refresh a large push.
/// Skia shrinks and encodes it.
/// </summary>
internal static class ScreenshotConverter
{
    /// <summary>Thumbnails are at most this wide; console text stays recognisable as lines.</summary>
    public const int MaxWidth = 320;

    /// <summary>The eight bytes every PNG file starts with.</summary>
    public static ReadOnlySpan<byte> PngSignature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    // Mipmaps average each source box, so the thin strokes of console text survive as grey where
    // nearest-neighbour would drop most of them.
    private static readonly SKSamplingOptions Shrinking = new(SKFilterMode.Linear, SKMipmapMode.Linear);

    public static byte[] ToPng(string? mimeType, byte[] data, int maxWidth = MaxWidth)
    {
        // A driver that already answers PNG (libvirt's test driver does) is passed on as it is:
        // decoding and re-encoding it would cost time for no gain.
        if (data.AsSpan().StartsWith(PngSignature))
        {
            return data;
        }

        if (data.Length > 1 && data[0] == (byte)'P' && data[1] is (byte)'5' or (byte)'6')
        {
            using var screen = PpmReader.Read(data);
            using var thumbnail = Shrink(screen, maxWidth);
            using var png = thumbnail.Encode(SKEncodedImageFormat.Png, 100);
            return png.ToArray();
        }

        throw new FormatException($"Cannot convert a screenshot of type '{mimeType}'.");
    }

    private static SKBitmap Shrink(SKBitmap screen, int maxWidth)
    {
        if (screen.Width <= maxWidth)
        {
            return screen.Copy();
        }

        var height = Math.Max(1, (int)((long)screen.Height * maxWidth / screen.Width));
        return screen.Resize(screen.Info.WithSize(maxWidth, height), Shrinking)
            ?? throw new FormatException($"Cannot shrink a {screen.Width}x{screen.Height} screenshot.");
    }
}
