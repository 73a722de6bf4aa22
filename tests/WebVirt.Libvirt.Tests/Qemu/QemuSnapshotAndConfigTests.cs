using System.Xml.Linq;
using WebVirt.Libvirt.Tests.TestDriver;
using WebVirt.Testing;

namespace WebVirt.Libvirt.Tests.Qemu;

// A shut-off TCG guest with a fresh qcow2 disk: internal snapshots and config edits, no boot needed.
[Trait("Category", "Qemu")]
[Collection(QemuCollection.Name)]
public sealed class QemuSnapshotAndConfigTests(QemuFixture fixture)
{
    private const ulong DiskBytes = 16 * 1024 * 1024;

    [Fact]
    public void Internal_snapshots_are_created_reverted_and_deleted_while_shut_off()
    {
        string name = TestRun.GuestName("snap");
        using LibvirtConnection connection = LibvirtConnection.Open(QemuFixture.Uri);
        try
        {
            using LibvirtDomain domain = DefineWithDisk(connection, name, out _);

            using LibvirtDomainSnapshot first = domain.CreateSnapshotXml(SnapshotXml("first"));
            using LibvirtDomainSnapshot second = domain.CreateSnapshotXml(SnapshotXml("second"), SnapshotCreateFlags.Atomic);

            Assert.Equal("shutoff", (string?)XElement.Parse(first.GetXmlDesc()).Element("state"));
            Assert.Equal("internal", (string?)XElement.Parse(first.GetXmlDesc()).Element("disks")?.Element("disk")?.Attribute("snapshot"));
            Assert.Equal(["first", "second"], domain.ListAllSnapshots(SnapshotListFlags.Internal | SnapshotListFlags.Topological).Select(s => { using (s) { return s.Name; } }));
            using (LibvirtDomainSnapshot? parent = second.GetParent())
            {
                Assert.Equal("first", parent?.Name);
            }

            Assert.True(second.IsCurrent());
            first.Revert();
            Assert.True(first.IsCurrent());
            Assert.Equal(DomainState.Shutoff, domain.GetState().State);
            using (LibvirtDomainSnapshot? current = domain.GetCurrentSnapshot())
            {
                Assert.Equal("first", current?.Name);
            }

            first.Delete(SnapshotDeleteFlags.Children);
            Assert.Empty(domain.ListAllSnapshots());
            Assert.False(domain.HasCurrentSnapshot());
            domain.Undefine();
        }
        finally
        {
            TestGuestCleaner.RemoveRunGuests(QemuFixture.Uri, prefix: name);
            TestResourceCleaner.RemoveRunPoolsAndNetworks(QemuFixture.Uri, prefix: name);
        }
    }

    [Fact]
    public void Config_edits_change_devices_vcpus_and_memory()
    {
        string name = TestRun.GuestName("edit");
        using LibvirtConnection connection = LibvirtConnection.Open(QemuFixture.Uri);
        try
        {
            using LibvirtDomain domain = DefineWithDisk(connection, name, out string diskPath);
            DomainBlockInfo info = domain.GetBlockInfo("vda");
            Assert.Equal(DiskBytes, info.CapacityBytes);
            Assert.Equal(diskPath, (string?)Disks(domain).Single().Element("source")?.Attribute("file"));

            XElement cdrom = new(
                "disk",
                new XAttribute("type", "file"),
                new XAttribute("device", "cdrom"),
                new XElement("driver", new XAttribute("name", "qemu"), new XAttribute("type", "raw")),
                new XElement("target", new XAttribute("dev", "sdb"), new XAttribute("bus", "sata")),
                new XElement("readonly"));
            domain.AttachDevice(cdrom.ToString(), DomainModificationImpact.Config);
            Assert.Equal(2, Disks(domain).Count());

            string iso = Path.Combine(fixture.RunDirectory, $"{name}.iso");
            File.WriteAllBytes(iso, new byte[2048]);
            cdrom.Add(new XElement("source", new XAttribute("file", iso)));
            domain.UpdateDevice(cdrom.ToString(), DomainModificationImpact.Config);
            Assert.Equal(iso, (string?)Disks(domain).Single(d => (string?)d.Attribute("device") == "cdrom").Element("source")?.Attribute("file"));

            domain.DetachDevice(cdrom.ToString(), DomainModificationImpact.Config);
            Assert.Single(Disks(domain));

            domain.SetVcpus(2, DomainModificationImpact.Config, maximum: true);
            domain.SetVcpus(2, DomainModificationImpact.Config);
            domain.SetMaxMemory(512 * 1024);
            domain.SetMemory(384 * 1024, DomainModificationImpact.Config);
            XElement config = XElement.Parse(domain.GetXmlDesc(inactive: true));
            Assert.Equal(2, (int?)config.Element("vcpu"));
            Assert.Equal(512 * 1024, (long?)config.Element("memory"));
            Assert.Equal(384 * 1024, (long?)config.Element("currentMemory"));

            // QEMU rejects what the schema allows but the driver cannot do: a clear error, nothing changed.
            LibvirtException error = Assert.Throws<LibvirtException>(() => domain.SetVcpus(3, DomainModificationImpact.Config));
            Assert.Equal(LibvirtErrorCodes.InvalidArg, error.Code);
            domain.Undefine();
        }
        finally
        {
            TestGuestCleaner.RemoveRunGuests(QemuFixture.Uri, prefix: name);
            TestResourceCleaner.RemoveRunPoolsAndNetworks(QemuFixture.Uri, prefix: name);
        }
    }

    // The disk comes from a run pool named after the guest, so both cleaners find what a test left.
    private LibvirtDomain DefineWithDisk(LibvirtConnection connection, string name, out string diskPath)
    {
        using LibvirtStoragePool pool = connection.CreateStoragePoolXml(
            TestStorageXml.DirPool($"{name}-pool", Path.Combine(fixture.RunDirectory, $"{name}-pool")), StoragePoolCreateFlags.WithBuild);
        using LibvirtStorageVolume disk = pool.CreateVolumeXml(TestStorageXml.Volume("disk.qcow2", DiskBytes, "qcow2"));
        diskPath = disk.GetPath();
        string xml = QemuTestXml.WithDevices(TestGuestDomainXml.DirectKernelBoot(name, fixture.RunDirectory), QemuTestXml.Disk(diskPath));
        return connection.DefineDomainXml(xml, DomainDefineFlags.Validate);
    }

    private static IEnumerable<XElement> Disks(LibvirtDomain domain) =>
        XElement.Parse(domain.GetXmlDesc(inactive: true)).Element("devices")!.Elements("disk");

    private static string SnapshotXml(string name) => new XElement("domainsnapshot", new XElement("name", name)).ToString();
}
