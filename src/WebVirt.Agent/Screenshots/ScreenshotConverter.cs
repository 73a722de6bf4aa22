namespace WebVirt.Agent.Screenshots;

/// <summary>
/// Turns what libvirt hands back for a screenshot into a small PNG a browser can show: QEMU sends
/// PPM, which browsers cannot display, and a full-size screen would make every refresh a large push.
/// </summary>
internal static class ScreenshotConverter
{
    /// <summary>Thumbnails are at most this wide; console text stays recognisable as lines.</summary>
    public const int MaxWidth = 320;

    public static byte[] ToPng(string? mimeType, byte[] data, int maxWidth = MaxWidth)
    {
        // A driver that already answers PNG (libvirt's test driver does) is passed on as it is:
        // decoding and re-encoding it would need a full PNG decoder for no gain.
        if (data.AsSpan().StartsWith(PngEncoder.Signature))
        {
            return data;
        }

        if (data.Length > 1 && data[0] == (byte)'P' && data[1] is (byte)'5' or (byte)'6')
        {
            return PngEncoder.Encode(PpmReader.Read(data).Downscale(maxWidth));
        }

        throw new FormatException($"Cannot convert a screenshot of type '{mimeType}'.");
    }
}
