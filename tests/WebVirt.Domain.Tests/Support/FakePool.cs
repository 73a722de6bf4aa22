using WebVirt.Domain.Validation;

namespace WebVirt.Domain.Tests.Support;

/// <summary>
/// A storage pool directory with a few small files in it: an ISO, a qcow2 image to import and a
/// raw data disk. libvirt does not open disk files at define time, so plain files do.
/// </summary>
public sealed class FakePool : IDisposable
{
    public const string Name = "wvt-pool";
    public const long AvailableBytes = 50L << 30;

    public FakePool()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("wvt-domain-pool-").FullName;
        IsoPath = Create("installer.iso");
        ImportPath = Create("import.qcow2");
        DataPath = Create("data.img");
    }

    public string Directory { get; }

    public string IsoPath { get; }

    public string ImportPath { get; }

    public string DataPath { get; }

    public StoragePoolInfo Info => new(
        Name,
        Directory,
        AvailableBytes,
        [new PoolVolume(IsoPath, "iso"), new PoolVolume(ImportPath, "qcow2"), new PoolVolume(DataPath, "raw")]);

    public string PathOf(string file) => Path.Combine(Directory, file);

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);

    private string Create(string file)
    {
        string path = PathOf(file);
        File.WriteAllBytes(path, new byte[4096]);
        return path;
    }
}
