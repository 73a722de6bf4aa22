using System.Xml.Linq;
using WebVirt.Domain.Devices;
using WebVirt.Domain.Guests;
using WebVirt.Domain.Tests.Support;
using WebVirt.Domain.Validation;
using WebVirt.Testing;

namespace WebVirt.Domain.Tests.Libvirt;

/// <summary>
/// Device XML attached with "virsh attach-device --config" / "update-device --config" to a
/// defined, never started TCG guest, and edited domain XML redefined on qemu:///system.
/// </summary>
[Collection(LibvirtCollection.Name)]
public sealed class DeviceAcceptanceTests : IDisposable
{
    private const string Uri = "qemu:///system";
    private readonly FakePool _pool = new();
    private readonly HostLimits _host;

    public DeviceAcceptanceTests() => _host = AcceptanceCases.Host(_pool);

    public void Dispose()
    {
        try
        {
            TestGuestCleaner.RemoveRunGuests(Uri);
        }
        finally
        {
            _pool.Dispose();
        }
    }

    [Theory]
    [InlineData("q35")]
    [InlineData("pc")]
    public void Attached_devices_are_accepted(string machine)
    {
        WithGuest("dev-" + machine, machine, name =>
        {
            Attach(name, GuestDeviceBuilder.AttachDisk(Persistent(name), new DiskAttachSpec(_pool.DataPath, DiskBus.Virtio, DiskCache.None), _host));
            Attach(name, GuestDeviceBuilder.AttachDisk(Persistent(name), new DiskAttachSpec(_pool.ImportPath, DiskBus.Sata, DiskCache.Writeback), _host));
            Attach(name, GuestDeviceBuilder.AttachCdrom(Persistent(name), new CdromAttachSpec(null), _host));
            Attach(name, GuestDeviceBuilder.AttachNic(Persistent(name), new NicAttachSpec(new GuestNetwork.LibvirtNetwork("default"), "e1000e"), _host));
            Attach(name, GuestDeviceBuilder.AttachNic(Persistent(name), new NicAttachSpec(new GuestNetwork.Bridge("br0"), "rtl8139"), _host));
            if (machine == "pc")
            {
                Attach(name, GuestDeviceBuilder.AttachDisk(Persistent(name), new DiskAttachSpec(_pool.PathOf("guest-extra.img"), DiskBus.Ide), HostWith("guest-extra.img")));
            }

            DomainView view = DomainXmlReader.Read(Persistent(name));
            Assert.Contains(view.Disks, d => d.SourcePath == _pool.DataPath && d.Bus == "virtio" && d.Target == "vdb" && d.Cache == "none");
            Assert.Contains(view.Disks, d => d.SourcePath == _pool.ImportPath && d.Bus == "sata" && d.Format == "qcow2" && d.Cache == "writeback");
            Assert.Equal(2, view.Disks.Count(d => d.Device == "cdrom"));
            Assert.Contains(view.Disks, d => d.Device == "cdrom" && d.SourcePath is null);
            Assert.Equal(3, view.Nics.Count);
            Assert.Equal(3, view.Nics.Select(n => n.Mac).Distinct().Count());
            Assert.Contains(view.Nics, n => n.SourceType == "bridge" && n.SourceName == "br0" && n.Model == "rtl8139");
            if (machine == "pc")
            {
                Assert.Contains(view.Disks, d => d.Bus == "ide" && d.Target == "hdc");
            }
        });
    }

    [Fact]
    public void A_scsi_disk_is_accepted_with_the_controller_libvirt_adds() =>
        WithGuest("dev-scsi", "q35", name =>
        {
            Attach(name, GuestDeviceBuilder.AttachDisk(Persistent(name), new DiskAttachSpec(_pool.DataPath, DiskBus.Scsi), _host));
            XDocument stored = XDocument.Parse(Persistent(name));
            Assert.Equal("sdb", stored.Value("/domain/devices/disk[target/@bus='scsi']/target/@dev"));
            Assert.Equal(1, stored.Count("/domain/devices/controller[@type='scsi']"));
        });

    [Fact]
    public void Media_change_and_link_state_are_accepted_by_update_device() =>
        WithGuest("dev-update", "q35", name =>
        {
            Update(name, GuestDeviceBuilder.ChangeMedia(Persistent(name), "sda", null, _host));
            Assert.Null(DomainXmlReader.Read(Persistent(name)).Disks.Single(d => d.Device == "cdrom").SourcePath);

            Update(name, GuestDeviceBuilder.ChangeMedia(Persistent(name), "sda", _pool.IsoPath, _host));
            Assert.Equal(_pool.IsoPath, DomainXmlReader.Read(Persistent(name)).Disks.Single(d => d.Device == "cdrom").SourcePath);

            string mac = DomainXmlReader.Read(Persistent(name)).Nics.Single().Mac!;
            Update(name, GuestDeviceBuilder.SetLinkState(Persistent(name), mac, up: false));
            Assert.False(DomainXmlReader.Read(Persistent(name)).Nics.Single().LinkUp);
            Update(name, GuestDeviceBuilder.SetLinkState(Persistent(name), mac, up: true));
            Assert.True(DomainXmlReader.Read(Persistent(name)).Nics.Single().LinkUp);
        });

    [Fact]
    public void Edited_domain_xml_is_accepted_and_kept() =>
        WithGuest("dev-edit", "q35", name =>
        {
            using LibvirtConnection connection = LibvirtConnection.Open(Uri);
            HostLimits host = _host with { HostCpus = Math.Max(4, _host.HostCpus) };
            Redefine(connection, DomainXmlEditor.SetBootOrder(Persistent(name), new BootOrderSpec([BootDevice.Network, BootDevice.Cdrom, BootDevice.Hd], BootMenu: true)));
            Redefine(connection, DomainXmlEditor.SetVCpus(Persistent(name), new VCpuSpec(2, 4, 2, 2, 1), host));
            Redefine(connection, DomainXmlEditor.SetMemory(Persistent(name), new MemorySpec(512, 1024), host));
            Redefine(connection, DomainXmlEditor.ChangeDisk(Persistent(name), new DiskSettingsSpec("vda", DiskBus.Sata, DiskCache.Writethrough), guestIsActive: false));

            DomainView view = DomainXmlReader.Read(Persistent(name));
            Assert.Equal(["network", "cdrom", "hd"], view.BootOrder);
            Assert.True(view.BootMenu);
            Assert.Equal((4, 2), (view.MaximumVCpus, view.CurrentVCpus));
            Assert.Equal(new CpuTopology(2, 2, 1), view.Topology);
            Assert.Equal((1024L, 512L), (view.MaximumMemoryMiB, view.CurrentMemoryMiB));
            DiskView disk = view.Disks.Single(d => d.Device == "disk");
            Assert.Equal(("sata", "sdb", "writethrough"), (disk.Bus, disk.Target, disk.Cache));
            Assert.Equal("maximum", view.CpuMode);

            string before = Persistent(name);
            Redefine(connection, DomainXmlEditor.SetMemory(before, new MemorySpec(768, 1024), host));
            string diff = XmlDiff.Unified(before, Persistent(name));
            Assert.Contains("-  <currentMemory unit=\"KiB\">524288</currentMemory>", diff, StringComparison.Ordinal);
            Assert.Contains("+  <currentMemory unit=\"KiB\">786432</currentMemory>", diff, StringComparison.Ordinal);
        });

    [Fact]
    public void A_topology_mismatch_is_refused_before_libvirt_sees_it() =>
        WithGuest("dev-topology", "q35", name =>
        {
            string before = Persistent(name);
            Refused.Assert(DomainXmlEditor.SetVCpus(before, new VCpuSpec(4, 4, 1, 2, 1), _host with { HostCpus = 8 }), "Topology", ValidationKeys.CpuTopologyMismatch);
            Assert.Equal(string.Empty, XmlDiff.Unified(before, Persistent(name)));
        });

    private static string Persistent(string name)
    {
        using LibvirtConnection connection = LibvirtConnection.Open(Uri);
        using LibvirtDomain domain = connection.LookupDomainByName(name);
        return domain.GetXmlDesc(inactive: true);
    }

    private static void Attach(string name, ValidationResult<XElement> device) =>
        Virsh.RunWithFile(Refused.Valid(device).ToString(), file => ["attach-device", name, file, "--config"]);

    private static void Update(string name, ValidationResult<XElement> device) =>
        Virsh.RunWithFile(Refused.Valid(device).ToString(), file => ["update-device", name, file, "--config"]);

    private static void Redefine(LibvirtConnection connection, ValidationResult<string> edited)
    {
        using LibvirtDomain domain = connection.DefineDomainXml(Refused.Valid(edited));
    }

    private HostLimits HostWith(string file)
    {
        string path = _pool.PathOf(file);
        File.WriteAllBytes(path, new byte[4096]);
        return _host with { Pools = [_pool.Info with { Volumes = [.. _pool.Info.Volumes, new PoolVolume(path, "raw")] }] };
    }

    private void WithGuest(string purpose, string machine, Action<string> test)
    {
        string name = TestRun.GuestName(purpose);
        GuestSpec spec = Specs.Emulated(Specs.Iso(_pool, name)) with { MachineType = machine };
        string xml = Build.Xml(spec, _pool, _host).ToString();
        using LibvirtConnection connection = LibvirtConnection.Open(Uri);
        LibvirtDomain domain = connection.DefineDomainXml(xml);
        try
        {
            test(name);
        }
        finally
        {
            domain.Undefine();
            domain.Dispose();
        }
    }
}
