
namespace WebVirt.Testing;

/// <summary>
/// A shut-off guest on a raw volume full of non-zero bytes in its own dir pool, so a full clone of it
/// runs for many seconds inside libvirtd: long enough to kill the agent in the middle of it.
/// </summary>
public static class SlowCloneSource
{
    public const long Bytes = 2L * 1024 * 1024 * 1024;

    /// <summary>Creates <paramref name="directory"/>, the pool over it and the guest; returns the guest's UUID.</summary>
    public static string Create(string uri, string pool, string name, string directory)
    {
        Directory.CreateDirectory(directory);
        File.SetUnixFileMode(directory, (UnixFileMode)0b111_101_101);
        string disk = Path.Combine(directory, "src.img");
        using (var file = new FileStream(disk, FileMode.CreateNew, FileAccess.Write))
        {
            // Zeros would be skipped as holes by a sparse-aware copy; any other byte is written out.
            var block = new byte[4 * 1024 * 1024];
            Array.Fill(block, (byte)0x5A);
            for (long written = 0; written < Bytes; written += block.Length)
            {
                file.Write(block);
            }
        }

        using var connection = LibvirtConnection.Open(uri);
        using (connection.CreateStoragePoolXml($"<pool type='dir'><name>{pool}</name><target><path>{directory}</path></target></pool>"))
        {
        }

        using var domain = connection.DefineDomainXml(
            $"<domain type='qemu'><name>{name}</name><memory unit='MiB'>64</memory><vcpu>1</vcpu><os><type arch='x86_64'>hvm</type></os>" +
            $"<devices><disk type='file' device='disk'><driver name='qemu' type='raw'/><source file='{disk}'/><target dev='vda' bus='virtio'/></disk></devices></domain>");
        return domain.Uuid;
    }
}
