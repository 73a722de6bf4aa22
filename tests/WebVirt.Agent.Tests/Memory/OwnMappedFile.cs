using System.Runtime.InteropServices;

namespace WebVirt.Agent.Tests.Memory;

/// <summary>
/// A file this process writes and maps read-only and private (PROT_READ, MAP_PRIVATE), as the loader
/// maps a program; removed on dispose.
/// </summary>
internal sealed partial class OwnMappedFile : IDisposable
{
    private const int ProtRead = 1;
    private const int ProtWrite = 2;
    private const int MapPrivate = 2;
    private const int PageSize = 4096;

    private readonly nint _address;
    private readonly byte[] _content;

    private OwnMappedFile(string path, nint address, byte[] content)
    {
        Path = path;
        _address = address;
        _content = content;
    }

    public string Path { get; }

    public long Start => _address;

    public static OwnMappedFile Create(int length)
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"wvt-mapped-{Guid.NewGuid():N}.bin");
        var content = new byte[length];
        Random.Shared.NextBytes(content);
        File.WriteAllBytes(path, content);
        using var stream = File.OpenRead(path);
        var address = mmap(0, (nuint)length, ProtRead, MapPrivate, (int)stream.SafeFileHandle.DangerousGetHandle(), 0);
        if (address == -1)
        {
            var error = Marshal.GetLastPInvokeError();
            File.Delete(path);
            throw new InvalidOperationException($"mmap of {path} failed: errno {error}");
        }

        return new OwnMappedFile(path, address, content);
    }

    /// <summary>Reads every page, so all are resident; true when each byte read is the file's.</summary>
    public bool ReadsAsWritten()
    {
        var read = new byte[_content.Length];
        Marshal.Copy(_address, read, 0, read.Length);
        return read.AsSpan().SequenceEqual(_content);
    }

    /// <summary>
    /// Writes one byte into the first page and makes the mapping read-only again, as the loader does
    /// with a library's relocated data: that page is now a private copy, no longer the file's.
    /// </summary>
    public void CopyFirstPage(byte value)
    {
        Protect(ProtRead | ProtWrite);
        Marshal.WriteByte(_address, value);
        _content[0] = value;
        Protect(ProtRead);
    }

    public void Dispose()
    {
        _ = munmap(_address, (nuint)_content.Length);
        File.Delete(Path);
    }

    private void Protect(int protection)
    {
        if (mprotect(_address, PageSize, protection) != 0)
        {
            throw new InvalidOperationException($"mprotect failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial nint mmap(nint address, nuint length, int protection, int flags, int fd, long offset);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int mprotect(nint address, nuint length, int protection);

    [LibraryImport("libc")]
    private static partial int munmap(nint address, nuint length);
}
