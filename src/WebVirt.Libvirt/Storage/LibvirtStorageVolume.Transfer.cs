using System.Buffers;
using WebVirt.Libvirt.Streams;

namespace WebVirt.Libvirt.Storage;

// Upload and download through a blocking libvirt stream, one bounded chunk at a time, so an ISO
// of any size costs ChunkSize of memory. The blocking virStreamSend/virStreamRecv calls run on
// the calling thread between awaits (a thread-pool thread for async callers), never on the libvirt
// event loop thread, which must stay free to move the data they wait for.
public sealed partial class LibvirtStorageVolume
{
    public const int TransferChunkSize = 256 * 1024;

    /// <summary>
    /// Writes <paramref name="length"/> bytes from <paramref name="source"/> into the volume at
    /// <paramref name="offset"/> (length 0: until the source ends). Finishes the stream on success
    /// and aborts it on cancellation or failure, so libvirt never keeps a half-open transfer.
    /// Progress reports the bytes sent so far.
    /// </summary>
    public Task UploadAsync(
        Stream source, ulong offset, ulong length, IProgress<long>? progress = null, CancellationToken cancellationToken = default) =>
        UploadAsync(source, offset, length, progress, opened: null, cancellationToken);

    /// <summary>
    /// Copies <paramref name="length"/> bytes of the volume from <paramref name="offset"/> into
    /// <paramref name="destination"/> (length 0: to the end of the volume).
    /// </summary>
    public Task DownloadAsync(
        Stream destination, ulong offset, ulong length, IProgress<long>? progress = null, CancellationToken cancellationToken = default) =>
        DownloadAsync(destination, offset, length, progress, opened: null, cancellationToken);

    // opened lets tests observe the stream's final state.
    internal async Task UploadAsync(
        Stream source, ulong offset, ulong length, IProgress<long>? progress, Action<LibvirtStream>? opened, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        cancellationToken.ThrowIfCancellationRequested();
        using LibvirtStream stream = LibvirtStream.Create(_handle, nonBlocking: false);
        LibvirtCall.Check(
            Interop.Libvirt.virStorageVolUpload(_handle, stream.Handle, offset, length, 0), nameof(Interop.Libvirt.virStorageVolUpload));
        opened?.Invoke(stream);

        byte[] buffer = ArrayPool<byte>.Shared.Rent(TransferChunkSize);
        try
        {
            long sent = 0;
            while (length == 0 || (ulong)sent < length)
            {
                cancellationToken.ThrowIfCancellationRequested();
                int wanted = length == 0 ? TransferChunkSize : (int)Math.Min(TransferChunkSize, length - (ulong)sent);
                int read = await source.ReadAsync(buffer.AsMemory(0, wanted), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    if (length != 0)
                    {
                        throw new EndOfStreamException($"the source ended after {sent} of {length} bytes");
                    }

                    break;
                }

                cancellationToken.ThrowIfCancellationRequested();
                stream.SendAll(buffer.AsSpan(0, read));
                sent += read;
                progress?.Report(sent);
            }

            stream.Finish();
        }
        catch
        {
            stream.AbortQuietly();
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    internal async Task DownloadAsync(
        Stream destination, ulong offset, ulong length, IProgress<long>? progress, Action<LibvirtStream>? opened, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        cancellationToken.ThrowIfCancellationRequested();
        using LibvirtStream stream = LibvirtStream.Create(_handle, nonBlocking: false);
        LibvirtCall.Check(
            Interop.Libvirt.virStorageVolDownload(_handle, stream.Handle, offset, length, 0), nameof(Interop.Libvirt.virStorageVolDownload));
        opened?.Invoke(stream);

        byte[] buffer = ArrayPool<byte>.Shared.Rent(TransferChunkSize);
        try
        {
            long received = 0;
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                int read = stream.Receive(buffer.AsSpan(0, TransferChunkSize));
                if (read == 0)
                {
                    break;
                }

                await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                received += read;
                progress?.Report(received);
            }

            stream.Finish();
        }
        catch
        {
            stream.AbortQuietly();
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
