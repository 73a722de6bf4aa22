using System.Buffers.Binary;
using System.IO.Compression;

namespace WebVirt.Agent.Screenshots;

/// <summary>
/// Writes an 8-bit truecolour PNG (colour type 2, no interlace). Every row uses filter "Up", which
/// turns the large flat areas of a console screen into zeros that zlib packs tightly.
/// </summary>
internal static class PngEncoder
{
    public static ReadOnlySpan<byte> Signature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    public static byte[] Encode(RgbImage image)
    {
        using var png = new MemoryStream();
        png.Write(Signature);

        Span<byte> header = stackalloc byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, image.Width);
        BinaryPrimitives.WriteInt32BigEndian(header[4..], image.Height);
        header[8] = 8; // bit depth
        header[9] = 2; // colour type: RGB
        header[10] = 0; // compression: deflate
        header[11] = 0; // filter method 0
        header[12] = 0; // no interlace
        WriteChunk(png, "IHDR"u8, header);
        WriteChunk(png, "IDAT"u8, Compress(image));
        WriteChunk(png, "IEND"u8, []);
        return png.ToArray();
    }

    private static byte[] Compress(RgbImage image)
    {
        var stride = image.Width * 3;
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            var row = new byte[stride + 1];
            for (var y = 0; y < image.Height; y++)
            {
                var current = image.Pixels.AsSpan(y * stride, stride);
                if (y == 0)
                {
                    // Above the first row PNG assumes zeros, so "Up" would gain nothing: filter None.
                    row[0] = 0;
                    current.CopyTo(row.AsSpan(1));
                }
                else
                {
                    var above = image.Pixels.AsSpan((y - 1) * stride, stride);
                    row[0] = 2;
                    for (var i = 0; i < stride; i++)
                    {
                        row[i + 1] = (byte)(current[i] - above[i]);
                    }
                }

                zlib.Write(row);
            }
        }

        return compressed.ToArray();
    }

    private static void WriteChunk(Stream png, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(number, data.Length);
        png.Write(number);
        png.Write(type);
        png.Write(data);
        var crc = Crc32.Finish(Crc32.Update(Crc32.Update(Crc32.Start, type), data));
        BinaryPrimitives.WriteUInt32BigEndian(number, crc);
        png.Write(number);
    }
}
