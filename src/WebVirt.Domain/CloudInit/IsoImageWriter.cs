using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace WebVirt.Domain.CloudInit;

/// <summary>
/// Writes a small ISO 9660 image with one flat root directory, as the NoCloud seed needs: a
/// primary volume descriptor with 8.3 names and a Joliet supplementary descriptor carrying the
/// real names (<c>user-data</c>, <c>meta-data</c>, <c>network-config</c>), which Linux's isofs
/// shows by default. No subdirectories, no Rock Ridge, no El Torito: cloud-init only reads files.
/// Written here so the host needs no genisoimage or xorriso.
/// </summary>
public static class IsoImageWriter
{
    public const int SectorSize = 2048;

    // System area (16 sectors), primary, Joliet, terminator, four path tables, two root directories.
    private const int PrimaryLba = 16;
    private const int JolietLba = 17;
    private const int TerminatorLba = 18;
    private const int PathTablesLba = 19;
    private const int PrimaryRootLba = 23;
    private const int JolietRootLba = 24;
    private const int FirstFileLba = 25;
    private const int PathTableSize = 10;

    /// <summary>The image of <paramref name="files"/> (names of at most 64 printable ASCII characters) with volume label <paramref name="label"/>.</summary>
    public static byte[] Write(string label, IReadOnlyList<IsoFile> files, DateTimeOffset created)
    {
        ArgumentException.ThrowIfNullOrEmpty(label);
        ArgumentNullException.ThrowIfNull(files);
        if (label.Length > 16 || !label.All(char.IsAsciiLetterOrDigit))
        {
            throw new ArgumentException("the label must be 1 to 16 ASCII letters or digits", nameof(label));
        }

        var entries = Place(files);
        int totalSectors = entries.Count == 0 ? FirstFileLba : entries.Max(e => e.Lba + Sectors(e.File.Content.Length));
        totalSectors = Math.Max(totalSectors, FirstFileLba);
        byte[] image = new byte[(long)totalSectors * SectorSize];
        DateTimeOffset utc = created.ToUniversalTime();

        WriteDescriptor(image.AsSpan(PrimaryLba * SectorSize, SectorSize), joliet: false, label, totalSectors, utc);
        WriteDescriptor(image.AsSpan(JolietLba * SectorSize, SectorSize), joliet: true, label, totalSectors, utc);
        Span<byte> terminator = image.AsSpan(TerminatorLba * SectorSize, SectorSize);
        terminator[0] = 255;
        Encoding.ASCII.GetBytes("CD001", terminator[1..]);
        terminator[6] = 1;

        WritePathTable(image.AsSpan((PathTablesLba + 0) * SectorSize), PrimaryRootLba, bigEndian: false);
        WritePathTable(image.AsSpan((PathTablesLba + 1) * SectorSize), PrimaryRootLba, bigEndian: true);
        WritePathTable(image.AsSpan((PathTablesLba + 2) * SectorSize), JolietRootLba, bigEndian: false);
        WritePathTable(image.AsSpan((PathTablesLba + 3) * SectorSize), JolietRootLba, bigEndian: true);

        WriteRoot(image.AsSpan(PrimaryRootLba * SectorSize, SectorSize), PrimaryRootLba, [.. entries.OrderBy(e => e.ShortName, StringComparer.Ordinal).Select(e => (Encoding.ASCII.GetBytes(e.ShortName), e))], utc);
        WriteRoot(image.AsSpan(JolietRootLba * SectorSize, SectorSize), JolietRootLba, [.. entries.OrderBy(e => e.File.Name, StringComparer.Ordinal).Select(e => (Encoding.BigEndianUnicode.GetBytes(e.File.Name + ";1"), e))], utc);

        foreach (var entry in entries)
        {
            entry.File.Content.CopyTo(image, (long)entry.Lba * SectorSize);
        }

        return image;
    }

    /// <summary>The ISO 9660 level 1 name of <paramref name="name"/>: upper case, '_' for other characters, 8.3, version 1.</summary>
    public static string ShortName(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        int dot = name.LastIndexOf('.');
        string stem = dot < 0 ? name : name[..dot];
        string extension = dot < 0 ? "" : name[(dot + 1)..];
        static string Clean(string part, int length) =>
            new([.. part.ToUpperInvariant().Select(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) ? c : '_').Take(length)]);
        return $"{Clean(stem, 8)}.{Clean(extension, 3)};1";
    }

    private sealed record Entry(IsoFile File, string ShortName, int Lba);

    private static List<Entry> Place(IReadOnlyList<IsoFile> files)
    {
        var entries = new List<Entry>();
        int lba = FirstFileLba;
        foreach (IsoFile file in files)
        {
            if (file.Name.Length is 0 or > 64 || file.Name.Any(c => c < 0x21 || c > 0x7e || c is '/' or ';' or '\\'))
            {
                throw new ArgumentException($"'{file.Name}' is not a plain file name", nameof(files));
            }

            string shortName = ShortName(file.Name);
            if (entries.Any(e => e.ShortName == shortName || e.File.Name == file.Name))
            {
                throw new ArgumentException($"'{file.Name}' clashes with another file's name", nameof(files));
            }

            entries.Add(new Entry(file, shortName, file.Content.Length == 0 ? 0 : lba));
            lba += Sectors(file.Content.Length);
        }

        // One sector per root directory: plenty for a seed's few files, checked rather than assumed.
        int primary = 68 + entries.Sum(e => RecordLength(e.ShortName.Length));
        int joliet = 68 + entries.Sum(e => RecordLength((e.File.Name.Length + 2) * 2));
        if (Math.Max(primary, joliet) > SectorSize)
        {
            throw new ArgumentException("too many files for one directory sector", nameof(files));
        }

        return entries;
    }

    private static int Sectors(int bytes) => (bytes + SectorSize - 1) / SectorSize;

    private static int RecordLength(int nameLength) => 33 + nameLength + ((33 + nameLength) % 2);

    private static void WriteDescriptor(Span<byte> d, bool joliet, string label, int totalSectors, DateTimeOffset created)
    {
        d[0] = joliet ? (byte)2 : (byte)1;
        Encoding.ASCII.GetBytes("CD001", d[1..]);
        d[6] = 1;
        Text(d.Slice(8, 32), "", joliet);
        Text(d.Slice(40, 32), label, joliet);
        Both32(d[80..], (uint)totalSectors);
        if (joliet)
        {
            // UCS-2 level 3.
            d[88] = 0x25;
            d[89] = 0x2F;
            d[90] = 0x45;
        }

        Both16(d[120..], 1);
        Both16(d[124..], 1);
        Both16(d[128..], SectorSize);
        Both32(d[132..], PathTableSize);
        int tables = PathTablesLba + (joliet ? 2 : 0);
        BinaryPrimitives.WriteUInt32LittleEndian(d[140..], (uint)tables);
        BinaryPrimitives.WriteUInt32BigEndian(d[148..], (uint)(tables + 1));
        DirectoryRecord(d.Slice(156, 34), joliet ? JolietRootLba : PrimaryRootLba, SectorSize, directory: true, [0], created);
        Text(d.Slice(190, 128), "", joliet);
        Text(d.Slice(318, 128), "", joliet);
        Text(d.Slice(446, 128), "", joliet);
        Text(d.Slice(574, 128), "WEBVIRT", joliet);
        Text(d.Slice(702, 37), "", joliet);
        Text(d.Slice(739, 37), "", joliet);
        Text(d.Slice(776, 37), "", joliet);
        LongDate(d.Slice(813, 17), created);
        LongDate(d.Slice(830, 17), created);
        LongDate(d.Slice(847, 17), null);
        LongDate(d.Slice(864, 17), null);
        d[881] = 1;
    }

    private static void WritePathTable(Span<byte> table, int rootLba, bool bigEndian)
    {
        table[0] = 1;
        if (bigEndian)
        {
            BinaryPrimitives.WriteUInt32BigEndian(table[2..], (uint)rootLba);
            BinaryPrimitives.WriteUInt16BigEndian(table[6..], 1);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(table[2..], (uint)rootLba);
            BinaryPrimitives.WriteUInt16LittleEndian(table[6..], 1);
        }
    }

    private static void WriteRoot(Span<byte> sector, int rootLba, IReadOnlyList<(byte[] Name, Entry Entry)> names, DateTimeOffset created)
    {
        int offset = DirectoryRecord(sector, rootLba, SectorSize, directory: true, [0], created);
        offset += DirectoryRecord(sector[offset..], rootLba, SectorSize, directory: true, [1], created);
        foreach (var (name, entry) in names)
        {
            offset += DirectoryRecord(sector[offset..], entry.Lba, entry.File.Content.Length, directory: false, name, created);
        }
    }

    private static int DirectoryRecord(Span<byte> r, int lba, int length, bool directory, byte[] name, DateTimeOffset created)
    {
        int size = RecordLength(name.Length);
        r[0] = (byte)size;
        Both32(r[2..], (uint)lba);
        Both32(r[10..], (uint)length);
        r[18] = (byte)(created.Year - 1900);
        r[19] = (byte)created.Month;
        r[20] = (byte)created.Day;
        r[21] = (byte)created.Hour;
        r[22] = (byte)created.Minute;
        r[23] = (byte)created.Second;
        r[24] = 0;
        r[25] = directory ? (byte)2 : (byte)0;
        Both16(r[28..], 1);
        r[32] = (byte)name.Length;
        name.CopyTo(r[33..]);
        return size;
    }

    private static void Text(Span<byte> field, string value, bool joliet)
    {
        if (joliet)
        {
            for (int i = 0; i + 1 < field.Length; i += 2)
            {
                char c = i / 2 < value.Length ? value[i / 2] : ' ';
                field[i] = (byte)(c >> 8);
                field[i + 1] = (byte)c;
            }

            if (field.Length % 2 == 1)
            {
                field[^1] = 0;
            }
        }
        else
        {
            field.Fill((byte)' ');
            Encoding.ASCII.GetBytes(value, field);
        }
    }

    private static void LongDate(Span<byte> field, DateTimeOffset? date)
    {
        string digits = date is DateTimeOffset d ? d.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + "00" : "0000000000000000";
        Encoding.ASCII.GetBytes(digits, field);
        field[16] = 0;
    }

    private static void Both16(Span<byte> field, ushort value)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(field, value);
        BinaryPrimitives.WriteUInt16BigEndian(field[2..], value);
    }

    private static void Both32(Span<byte> field, uint value)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(field, value);
        BinaryPrimitives.WriteUInt32BigEndian(field[4..], value);
    }
}

/// <summary>One file of an <see cref="IsoImageWriter"/> image.</summary>
public sealed record IsoFile(string Name, byte[] Content);
