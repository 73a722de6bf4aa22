using WebVirt.Domain.Guests;

namespace WebVirt.Domain.Tests.Support;

/// <summary>Valid specs for each source kind; tests change one thing with <c>with</c>.</summary>
public static class Specs
{
    public static GuestSpec Iso(FakePool pool, string name = "guest1") => new(
        name,
        new GuestSource.IsoVolume(FakePool.Name, pool.IsoPath),
        VCpus: 2,
        MemoryMiB: 1024,
        new GuestDisk.NewVolume(FakePool.Name, 10),
        new GuestNic(new GuestNetwork.LibvirtNetwork("default")))
    {
        OsVariant = "debian11",
        Description = "test guest",
    };

    public static GuestSpec NetworkInstall(FakePool pool, string name = "guest1") =>
        Iso(pool, name) with { Source = new GuestSource.NetworkInstall("http://deb.example.org/debian/dists/bookworm/main/installer-amd64/", "console=ttyS0") };

    public static GuestSpec Import(FakePool pool, string name = "guest1") =>
        Iso(pool, name) with { Source = new GuestSource.ImportDisk(pool.ImportPath), Disk = new GuestDisk.None() };

    public static GuestSpec Pxe(FakePool pool, string name = "guest1") =>
        Iso(pool, name) with { Source = new GuestSource.Pxe() };

    public static GuestSpec Emulated(GuestSpec spec) => spec with { Accelerator = Accelerator.Emulation, VCpus = 1 };
}
