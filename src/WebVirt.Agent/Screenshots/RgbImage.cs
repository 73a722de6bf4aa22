namespace WebVirt.Agent.Screenshots;

/// <summary>An 8-bit RGB image, rows top to bottom, three bytes a pixel.</summary>
internal sealed record RgbImage(int Width, int Height, byte[] Pixels)
{
    /// <summary>
    /// The image shrunk to at most <paramref name="maxWidth"/> pixels wide, keeping the aspect ratio,
    /// by averaging each target pixel's source box: nearest-neighbour would drop most of the thin
    /// strokes of console text, and a box filter keeps them as grey.
    /// </summary>
    public RgbImage Downscale(int maxWidth)
    {
        if (Width <= maxWidth)
        {
            return this;
        }

        var width = maxWidth;
        var height = Math.Max(1, (int)((long)Height * width / Width));
        var pixels = new byte[width * height * 3];
        for (var y = 0; y < height; y++)
        {
            var y0 = (int)((long)y * Height / height);
            var y1 = Math.Max(y0 + 1, (int)((long)(y + 1) * Height / height));
            for (var x = 0; x < width; x++)
            {
                var x0 = (int)((long)x * Width / width);
                var x1 = Math.Max(x0 + 1, (int)((long)(x + 1) * Width / width));
                int r = 0, g = 0, b = 0;
                for (var sy = y0; sy < y1; sy++)
                {
                    var row = sy * Width * 3;
                    for (var sx = x0; sx < x1; sx++)
                    {
                        var i = row + (sx * 3);
                        r += Pixels[i];
                        g += Pixels[i + 1];
                        b += Pixels[i + 2];
                    }
                }

                var count = (y1 - y0) * (x1 - x0);
                var o = ((y * width) + x) * 3;
                pixels[o] = (byte)((r + (count / 2)) / count);
                pixels[o + 1] = (byte)((g + (count / 2)) / count);
                pixels[o + 2] = (byte)((b + (count / 2)) / count);
            }
        }

        return new RgbImage(width, height, pixels);
    }
}
