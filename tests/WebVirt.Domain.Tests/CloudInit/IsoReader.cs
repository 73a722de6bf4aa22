using System.Buffers.Binary;
using System.Text;

namespace WebVirt.Domain.Tests.CloudInit;

/// <summary>Reads back the flat root directory of an ISO 9660 image, from the primary or the Joliet descriptor.</summary>
internal static class IsoReader
{
    public static string Label(byte[] image, bool joliet)
    {
        byte[] field = image.AsSpan(Descriptor(image, joliet) + 40, 32).ToArray();
        return (joliet ? Encoding.BigEndianUnicode.GetString(field) : Encoding.ASCII.GetString(field)).TrimEnd(' ', '\0');
    }

    public static Dictionary<string, byte[]> Files(byte[] image, bool joliet)
    {
        int descriptor = Descriptor(image, joliet);
        int rootLba = BinaryPrimitives.ReadInt32LittleEndian(image.AsSpan(descriptor + 156 + 2));
        int rootSize = BinaryPrimitives.ReadInt32LittleEndian(image.AsSpan(descriptor + 156 + 10));
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        int offset = rootLba * 2048;
        int end = offset + rootSize;
        while (offset < end && image[offset] != 0)
        {
            int length = image[offset];
            int nameLength = image[offset + 32];
            byte[] name = image.AsSpan(offset + 33, nameLength).ToArray();
            bool directory = (image[offset + 25] & 2) != 0;
            if (!directory)
            {
                int lba = BinaryPrimitives.ReadInt32LittleEndian(image.AsSpan(offset + 2));
                int size = BinaryPrimitives.ReadInt32LittleEndian(image.AsSpan(offset + 10));
                Assert.Equal(lba, BinaryPrimitives.ReadInt32BigEndian(image.AsSpan(offset + 6)));
                files[joliet ? Encoding.BigEndianUnicode.GetString(name) : Encoding.ASCII.GetString(name)] = image.AsSpan(lba * 2048, size).ToArray();
            }

            offset += length;
        }

        return files;
    }

    private static int Descriptor(byte[] image, bool joliet)
    {
        for (int sector = 16; ; sector++)
        {
            int at = sector * 2048;
            Assert.Equal("CD001", Encoding.ASCII.GetString(image, at + 1, 5));
            byte type = image[at];
            Assert.NotEqual(255, type);
            if (type == (joliet ? 2 : 1) && (!joliet || image.AsSpan(at + 88, 3).SequenceEqual("%/E"u8)))
            {
                return at;
            }
        }
    }
}
