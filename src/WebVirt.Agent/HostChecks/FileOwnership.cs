using System.Runtime.InteropServices;

namespace WebVirt.Agent.HostChecks;

/// <summary>Owner and group of a file, which .NET's file APIs do not expose; read with libc's stat().</summary>
internal static partial class FileOwnership
{
    // struct stat is 144 bytes on x86_64 and 128 on aarch64; a larger buffer covers both.
    private const int StatBufferSize = 256;

    public static (uint Uid, uint Gid)? Read(string path)
    {
        var (uidOffset, gidOffset) = RuntimeInformation.ProcessArchitecture switch
        {
            Architecture.X64 => (28, 32),
            Architecture.Arm64 => (24, 28),
            _ => (-1, -1),
        };
        if (uidOffset < 0)
        {
            return null;
        }

        Span<byte> buffer = stackalloc byte[StatBufferSize];
        unsafe
        {
            fixed (byte* p = buffer)
            {
                if (stat(path, p) != 0)
                {
                    return null;
                }
            }
        }

        return (BitConverter.ToUInt32(buffer[uidOffset..]), BitConverter.ToUInt32(buffer[gidOffset..]));
    }

    [LibraryImport("libc", EntryPoint = "stat", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static unsafe partial int stat(string path, byte* buffer);
}
