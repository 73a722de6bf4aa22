using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using WebVirt.Agent.Screenshots;

namespace WebVirt.Agent.Tests;

/// <summary>
/// The PPM to PNG conversion behind guest thumbnails, checked by reading the PNG back by hand:
/// chunk layout, CRCs, IHDR, and the pixels after undoing zlib and the row filters.
/// </summary>
public sealed class ScreenshotEncoderTests
{
    [Fact]
    public void Crc32_matches_the_standard_check_value()
    {
        Assert.Equal(0xCBF43926u, Crc32.Compute("123456789"u8));
        // The IEND chunk's CRC every PNG ends with.
        Assert.Equal(0xAE426082u, Crc32.Compute("IEND"u8));
    }

    [Fact]
    public void A_p6_image_round_trips_through_png_pixel_for_pixel()
    {
        var (ppm, pixels) = Ppm("P6", 7, 5, 3);
        var png = ScreenshotConverter.ToPng("image/x-portable-pixmap", ppm);

        var decoded = Decode(png);
        Assert.Equal(7, decoded.Width);
        Assert.Equal(5, decoded.Height);
        Assert.Equal(pixels, decoded.Pixels);
    }

    [Fact]
    public void A_p5_greyscale_image_becomes_grey_rgb()
    {
        var (ppm, samples) = Ppm("P5", 4, 3, 1);
        var decoded = Decode(ScreenshotConverter.ToPng("image/x-portable-graymap", ppm));
        Assert.Equal((4, 3), (decoded.Width, decoded.Height));
        for (var i = 0; i < samples.Length; i++)
        {
            Assert.Equal([samples[i], samples[i], samples[i]], decoded.Pixels[(i * 3)..((i * 3) + 3)]);
        }
    }

    [Fact]
    public void A_screen_is_shrunk_to_the_thumbnail_width_by_averaging()
    {
        // 640x400 of alternating black and white columns: a box filter makes it even grey.
        var header = Encoding.ASCII.GetBytes("P6\n# QEMU\n640 400\n255\n");
        var body = new byte[640 * 400 * 3];
        for (var p = 0; p < 640 * 400; p++)
        {
            if (p % 2 == 0)
            {
                body.AsSpan(p * 3, 3).Fill(255);
            }
        }

        var decoded = Decode(ScreenshotConverter.ToPng(null, [.. header, .. body]));
        Assert.Equal((ScreenshotConverter.MaxWidth, 200), (decoded.Width, decoded.Height));
        Assert.All(decoded.Pixels, b => Assert.InRange(b, (byte)127, (byte)128));
    }

    [Fact]
    public void A_png_is_passed_through_and_other_data_is_refused()
    {
        var png = PngEncoder.Encode(new RgbImage(1, 1, [1, 2, 3]));
        Assert.Same(png, ScreenshotConverter.ToPng("image/png", png));
        Assert.Throws<FormatException>(() => ScreenshotConverter.ToPng("image/jpeg", [0xFF, 0xD8, 0xFF]));
        Assert.Throws<FormatException>(() => ScreenshotConverter.ToPng(null, Encoding.ASCII.GetBytes("P6 2 2 255\n\0\0\0")));
        Assert.Throws<FormatException>(() => ScreenshotConverter.ToPng(null, Encoding.ASCII.GetBytes("P6 2 2 65535\n")));
    }

    // A binary netpbm image with a comment in its header, and its pixels as RGB.
    private static (byte[] File, byte[] Samples) Ppm(string magic, int width, int height, int channels)
    {
        var samples = new byte[width * height * channels];
        new Random(42).NextBytes(samples);
        var header = Encoding.ASCII.GetBytes($"{magic}\n# made by a test\n{width} {height}\n255\n");
        return ([.. header, .. samples], samples);
    }

    private sealed record Decoded(int Width, int Height, byte[] Pixels);

    // Reads the chunks, checking each CRC and the IHDR fields, then inflates IDAT and undoes the
    // None/Sub/Up filters (the encoder uses None and Up; Sub is undone too so the check is not
    // shaped after the encoder).
    private static Decoded Decode(byte[] png)
    {
        Assert.True(png.AsSpan().StartsWith(PngEncoder.Signature));
        var position = 8;
        int width = 0, height = 0;
        using var idat = new MemoryStream();
        var types = new List<string>();
        while (position < png.Length)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(position));
            var typeAndData = png.AsSpan(position + 4, 4 + length);
            var crc = BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(position + 8 + length));
            Assert.Equal(Crc32.Compute(typeAndData), crc);
            var type = Encoding.ASCII.GetString(typeAndData[..4]);
            var data = typeAndData[4..];
            types.Add(type);
            if (type == "IHDR")
            {
                Assert.Equal(13, length);
                width = BinaryPrimitives.ReadInt32BigEndian(data);
                height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                Assert.Equal([8, 2, 0, 0, 0], data[8..].ToArray());
            }
            else if (type == "IDAT")
            {
                idat.Write(data);
            }

            position += 12 + length;
        }

        Assert.Equal(["IHDR", "IDAT", "IEND"], types);
        idat.Position = 0;
        using var zlib = new ZLibStream(idat, CompressionMode.Decompress);
        var stride = width * 3;
        var raw = new byte[(stride + 1) * height];
        zlib.ReadExactly(raw);
        Assert.Equal(0, zlib.Read(new byte[1]));

        var pixels = new byte[stride * height];
        for (var y = 0; y < height; y++)
        {
            var filter = raw[y * (stride + 1)];
            for (var i = 0; i < stride; i++)
            {
                var value = raw[(y * (stride + 1)) + 1 + i];
                var left = i >= 3 ? pixels[(y * stride) + i - 3] : 0;
                var up = y > 0 ? pixels[((y - 1) * stride) + i] : 0;
                pixels[(y * stride) + i] = filter switch
                {
                    0 => value,
                    1 => (byte)(value + left),
                    2 => (byte)(value + up),
                    _ => throw new InvalidDataException($"Unexpected filter {filter}"),
                };
            }
        }

        return new Decoded(width, height, pixels);
    }
}
