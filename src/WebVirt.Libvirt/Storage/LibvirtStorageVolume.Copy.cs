using System.Buffers;
using WebVirt.Libvirt.Streams;

namespace WebVirt.Libvirt.Storage;

// A volume's content copied into another volume, usually on another connection (another host):
// virStorageVolDownload here streamed chunk by chunk into virStorageVolUpload there, so a disk of
// any size costs TransferChunkSize of memory. The blocking stream calls run on the calling thread
// between awaits, never on the libvirt event loop thread.
public sealed partial class LibvirtStorageVolume
{
    /// <summary>
    /// Copies this volume's whole content into <paramref name="target"/>, which must be at least as
    /// large. With <paramref name="sparse"/> the holes of this volume travel as their length only
    /// (libvirt's sparse streams) and are skipped in the target: only for a target whose unwritten
    /// ranges read as zeros, as a freshly created raw file. After each chunk <paramref name="copied"/>
    /// gets the offset reached and the data bytes sent so far, and may delay (a bandwidth limit) or
    /// throw. Both streams are finished on success and aborted on cancellation or failure, so
    /// neither side keeps a half-open transfer. The data bytes sent.
    /// </summary>
    public async Task<long> CopyContentToAsync(
        LibvirtStorageVolume target, bool sparse, Func<long, long, CancellationToken, ValueTask>? copied, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        cancellationToken.ThrowIfCancellationRequested();
        uint flags = sparse ? Interop.Libvirt.VIR_STORAGE_VOL_SPARSE_STREAM : 0;
        using LibvirtStream download = LibvirtStream.Create(_handle, nonBlocking: false);
        LibvirtCall.Check(
            Interop.Libvirt.virStorageVolDownload(_handle, download.Handle, 0, 0, flags), nameof(Interop.Libvirt.virStorageVolDownload));
        using LibvirtStream upload = LibvirtStream.Create(target._handle, nonBlocking: false);
        byte[] buffer = ArrayPool<byte>.Shared.Rent(TransferChunkSize);
        try
        {
            LibvirtCall.Check(
                Interop.Libvirt.virStorageVolUpload(target._handle, upload.Handle, 0, 0, flags), nameof(Interop.Libvirt.virStorageVolUpload));
            long offset = 0;
            long sent = 0;
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                Span<byte> chunk = buffer.AsSpan(0, TransferChunkSize);
                int read = sparse ? download.ReceiveUntilHole(chunk) : download.Receive(chunk);
                if (read == 0)
                {
                    break;
                }

                if (read == LibvirtStream.HoleNext)
                {
                    long hole = download.ReceiveHole();
                    upload.SendHole(hole);
                    offset += hole;
                }
                else
                {
                    upload.SendAll(chunk[..read]);
                    offset += read;
                    sent += read;
                }

                if (copied is not null)
                {
                    await copied(offset, sent, cancellationToken).ConfigureAwait(false);
                }
            }

            // The upload's finish is the target's word that every byte is written.
            upload.Finish();
            download.Finish();
            return sent;
        }
        catch
        {
            upload.AbortQuietly();
            download.AbortQuietly();
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
