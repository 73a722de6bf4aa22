using System.Security.Cryptography;
using System.Xml.Linq;
using WebVirt.Libvirt.Tests.TestDriver;
using WebVirt.Testing;

namespace WebVirt.Libvirt.Tests.Qemu;

[Trait("Category", "Qemu")]
[Collection(QemuCollection.Name)]
public sealed class QemuStorageTests(QemuFixture fixture)
{
    private const ulong MiB = 1024 * 1024;

    [Fact]
    public void Dir_pool_is_built_started_filled_and_deleted()
    {
        string name = TestRun.GuestName("pool-life");
        string directory = Path.Combine(fixture.RunDirectory, "pool-life");
        using LibvirtConnection connection = LibvirtConnection.Open(QemuFixture.Uri);
        try
        {
            using LibvirtStoragePool pool = connection.DefineStoragePoolXml(TestStorageXml.DirPool(name, directory), validate: true);
            Assert.False(Directory.Exists(directory));

            pool.Build();
            Assert.True(Directory.Exists(directory));
            pool.Create();
            Assert.Equal(StoragePoolState.Running, pool.GetInfo().State);

            using (LibvirtStorageVolume raw = pool.CreateVolumeXml(TestStorageXml.Volume("raw.img", 4 * MiB)))
            {
                Assert.Equal(Path.Combine(directory, "raw.img"), raw.GetPath());
                Assert.Equal(4 * MiB, raw.GetInfo().CapacityBytes);

                raw.Resize(8 * MiB);
                Assert.Equal(8 * MiB, raw.GetInfo().CapacityBytes);
                Assert.Equal((long)(8 * MiB), new FileInfo(raw.GetPath()).Length);

                // Written behind libvirt's back, like a guest would: the refresh lets Wipe see the allocation.
                File.WriteAllBytes(raw.GetPath(), RandomNumberGenerator.GetBytes((int)(8 * MiB)));
                pool.Refresh();
                Assert.Equal(8 * MiB, raw.GetInfo().AllocationBytes);
                raw.Wipe();
                Assert.True(File.ReadAllBytes(raw.GetPath()).All(b => b == 0), "wipe left non-zero bytes");

                using LibvirtStorageVolume clone = pool.CreateVolumeXmlFrom(TestStorageXml.Volume("clone.qcow2", 8 * MiB, "qcow2"), raw);
                Assert.Equal("qcow2", (string?)XElement.Parse(clone.GetXmlDesc()).Element("target")?.Element("format")?.Attribute("type"));
                Assert.Equal(8 * MiB, clone.GetInfo().CapacityBytes);
                using LibvirtStorageVolume byPath = connection.LookupStorageVolumeByPath(clone.GetPath());
                Assert.Equal(clone.Key, byPath.Key);
            }

            pool.Refresh();
            Assert.Equal(["clone.qcow2", "raw.img"], pool.ListAllVolumes().Select(v => { using (v) { return v.Name; } }).Order(StringComparer.Ordinal));
            foreach (LibvirtStorageVolume volume in pool.ListAllVolumes())
            {
                using (volume)
                {
                    volume.Delete();
                }
            }

            pool.Destroy();
            pool.Delete();
            Assert.False(Directory.Exists(directory));
            pool.Undefine();
            Assert.Equal(LibvirtErrorCodes.NoStoragePool, Assert.Throws<LibvirtException>(() => connection.LookupStoragePoolByName(name)).Code);
        }
        finally
        {
            TestResourceCleaner.RemoveRunPoolsAndNetworks(QemuFixture.Uri, prefix: name);
        }
    }

    [Fact]
    public async Task Upload_then_download_returns_the_same_bytes()
    {
        const int size = 8 * 1024 * 1024;
        string name = TestRun.GuestName("pool-xfer");
        using LibvirtConnection connection = LibvirtConnection.Open(QemuFixture.Uri);
        try
        {
            using LibvirtStoragePool pool = connection.CreateStoragePoolXml(
                TestStorageXml.DirPool(name, Path.Combine(fixture.RunDirectory, "pool-xfer")), StoragePoolCreateFlags.WithBuild);
            using LibvirtStorageVolume volume = pool.CreateVolumeXml(TestStorageXml.Volume("data.img", size));
            byte[] data = RandomNumberGenerator.GetBytes(size);

            var uploaded = new ProgressLog();
            await volume.UploadAsync(new MemoryStream(data), 0, size, uploaded);

            Assert.Equal(size / LibvirtStorageVolume.TransferChunkSize, uploaded.Values.Count);
            Assert.Equal(size, uploaded.Values[^1]);
            Assert.Equal(SHA256.HashData(data), SHA256.HashData(File.ReadAllBytes(volume.GetPath())));

            var downloaded = new ProgressLog();
            using var copy = new MemoryStream();
            await volume.DownloadAsync(copy, 0, 0, downloaded);

            Assert.Equal(size, copy.Length);
            Assert.Equal(SHA256.HashData(data), SHA256.HashData(copy.ToArray()));
            Assert.Equal(size, downloaded.Values[^1]);

            using var part = new MemoryStream();
            await volume.DownloadAsync(part, MiB, MiB);
            Assert.Equal(data.AsSpan((int)MiB, (int)MiB).ToArray(), part.ToArray());
        }
        finally
        {
            TestResourceCleaner.RemoveRunPoolsAndNetworks(QemuFixture.Uri, prefix: name);
        }
    }

    [Fact]
    public async Task Cancelled_upload_aborts_the_stream_and_leaves_the_volume_usable()
    {
        const int size = 8 * 1024 * 1024;
        string name = TestRun.GuestName("pool-cancel");
        using LibvirtConnection connection = LibvirtConnection.Open(QemuFixture.Uri);
        try
        {
            using LibvirtStoragePool pool = connection.CreateStoragePoolXml(
                TestStorageXml.DirPool(name, Path.Combine(fixture.RunDirectory, "pool-cancel")), StoragePoolCreateFlags.WithBuild);
            using LibvirtStorageVolume volume = pool.CreateVolumeXml(TestStorageXml.Volume("data.img", size));
            byte[] data = RandomNumberGenerator.GetBytes(size);

            using var cancellation = new CancellationTokenSource();
            var source = new CancellingStream(data, cancelAfterBytes: 2 * 1024 * 1024, cancellation);
            LibvirtStream? opened = null;
            await Assert.ThrowsAnyAsync<OperationCanceledException>(
                () => volume.UploadAsync(source, 0, size, progress: null, opened: s => opened = s, cancellation.Token));

            Assert.NotNull(opened);
            Assert.Equal(LibvirtStreamState.Aborted, opened.State);
            Assert.True(source.Position < size, $"the whole source was read ({source.Position} bytes)");

            // An aborted transfer must not leave the volume locked by a half-open stream.
            await volume.UploadAsync(new MemoryStream(data), 0, size);
            using var copy = new MemoryStream();
            await volume.DownloadAsync(copy, 0, 0);
            Assert.Equal(SHA256.HashData(data), SHA256.HashData(copy.ToArray()));
        }
        finally
        {
            TestResourceCleaner.RemoveRunPoolsAndNetworks(QemuFixture.Uri, prefix: name);
        }
    }

    // A source that cancels the upload itself once enough has been read, i.e. midway.
    private sealed class CancellingStream(byte[] data, int cancelAfterBytes, CancellationTokenSource cancellation) : MemoryStream(data)
    {
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            int read = await base.ReadAsync(buffer, cancellationToken);
            if (Position >= cancelAfterBytes)
            {
                await cancellation.CancelAsync();
            }

            return read;
        }
    }
}
