using System.Text;
using SkiaSharp;
using WebVirt.Agent.Screenshots;

namespace WebVirt.Agent.Tests;

/// <summary>
/// The PPM to PNG conversion behind guest thumbnails, checked by decoding the PNG again and
/// comparing its size and pixels with the image it came from.
/// </summary>
public sealed class ScreenshotEncoderTests
{
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
        var png = ScreenshotConverter.ToPng(null, Encoding.ASCII.GetBytes("P6 1 1 255\n\u0001\u0002\u0003"));
        Assert.Same(png, ScreenshotConverter.ToPng("image/png", png));
        Assert.Throws<FormatException>(() => ScreenshotConverter.ToPng("image/jpeg", [0xFF, 0xD8, 0xFF]));
        Assert.Throws<FormatException>(() => ScreenshotConverter.ToPng(null, Encoding.ASCII.GetBytes("P6 2 2 255\n\0\0\0")));
        Assert.Throws<FormatException>(() => ScreenshotConverter.ToPng(null, Encoding.ASCII.GetBytes("P6 2 2 65535\n")));
        Assert.Throws<FormatException>(() => ScreenshotConverter.ToPng(null, Encoding.ASCII.GetBytes("P7 2 2 255\n")));
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

    // Decodes the PNG with Skia's own decoder and returns its pixels as RGB, three bytes each,
    // after checking that every pixel is opaque (a screen has no transparency).
    private static Decoded Decode(byte[] png)
    {
        Assert.True(png.AsSpan().StartsWith(ScreenshotConverter.PngSignature));
        using var codec = SKCodec.Create(new MemoryStream(png));
        Assert.NotNull(codec);
        Assert.Equal(SKEncodedImageFormat.Png, codec.EncodedFormat);
        var info = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        using var bitmap = new SKBitmap(info);
        Assert.Equal(SKCodecResult.Success, codec.GetPixels(info, bitmap.GetPixels()));
        var rgba = bitmap.GetPixelSpan();
        var pixels = new byte[info.Width * info.Height * 3];
        for (int i = 0, o = 0; o < pixels.Length; i += 4, o += 3)
        {
            Assert.Equal(255, rgba[i + 3]);
            rgba.Slice(i, 3).CopyTo(pixels.AsSpan(o));
        }

        return new Decoded(info.Width, info.Height, pixels);
    }
}
