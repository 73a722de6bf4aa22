using System.Globalization;
using SkiaSharp;

namespace WebVirt.Agent.Screenshots;

/// <summary>
/// Reads the binary netpbm images QEMU writes for a screenshot: P6 (RGB) and P5 (greyscale), 8 bits
/// a sample (maxval up to 255, scaled to 255 when lower). Anything else is refused, not guessed at.
/// Kept by hand because Skia (which encodes and shrinks the result) decodes no netpbm, and the one
/// .NET library that does (ImageSharp) is not open source for every user from version 3 on.
/// </summary>
internal static class PpmReader
{
    public static SKBitmap Read(ReadOnlySpan<byte> data)
    {
        var position = 0;
        var magic = Token(data, ref position);
        var channels = magic switch
        {
            "P6" => 3,
            "P5" => 1,
            _ => throw new FormatException($"Not a binary PPM/PGM image (magic '{magic}')."),
        };
        var width = Number(data, ref position, "width");
        var height = Number(data, ref position, "height");
        var maxval = Number(data, ref position, "maxval");
        if (width <= 0 || height <= 0 || (long)width * height > 64L * 1024 * 1024)
        {
            throw new FormatException($"Unsupported image size {width}x{height}.");
        }

        if (maxval is <= 0 or > 255)
        {
            throw new FormatException($"Unsupported maxval {maxval}; only 8-bit samples are read.");
        }

        // Exactly one whitespace byte separates the header from the samples.
        position++;
        var samples = width * height * channels;
        if (data.Length - position < samples)
        {
            throw new FormatException($"The image has {Math.Max(0, data.Length - position)} bytes of samples, {samples} expected.");
        }

        var source = data.Slice(position, samples);
        var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        var pixels = bitmap.GetPixelSpan();
        for (int i = 0, o = 0; i < samples; i += channels, o += 4)
        {
            if (channels == 3)
            {
                pixels[o] = Scale(source[i], maxval);
                pixels[o + 1] = Scale(source[i + 1], maxval);
                pixels[o + 2] = Scale(source[i + 2], maxval);
            }
            else
            {
                pixels[o] = pixels[o + 1] = pixels[o + 2] = Scale(source[i], maxval);
            }

            pixels[o + 3] = 255;
        }

        bitmap.NotifyPixelsChanged();
        return bitmap;
    }

    private static byte Scale(byte sample, int maxval) =>
        maxval == 255 ? sample : (byte)Math.Min(255, ((sample * 255) + (maxval / 2)) / maxval);

    private static int Number(ReadOnlySpan<byte> data, ref int position, string what)
    {
        var token = Token(data, ref position);
        return int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"Bad {what} '{token}' in the image header.");
    }

    // A header token: skips whitespace and '#' comments (to the end of the line) before it.
    private static string Token(ReadOnlySpan<byte> data, ref int position)
    {
        while (position < data.Length)
        {
            if (data[position] == (byte)'#')
            {
                while (position < data.Length && data[position] != (byte)'\n')
                {
                    position++;
                }
            }
            else if (IsSpace(data[position]))
            {
                position++;
            }
            else
            {
                break;
            }
        }

        var start = position;
        while (position < data.Length && !IsSpace(data[position]) && position - start < 16)
        {
            position++;
        }

        return System.Text.Encoding.ASCII.GetString(data[start..position]);
    }

    private static bool IsSpace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r' or 0x0B or 0x0C;
}
