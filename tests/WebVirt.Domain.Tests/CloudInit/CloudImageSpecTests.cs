using System.Xml.Linq;
using WebVirt.Domain.Definition;
using WebVirt.Domain.Guests;
using WebVirt.Domain.Tests.Support;
using WebVirt.Domain.Validation;

namespace WebVirt.Domain.Tests.CloudInit;

public sealed class CloudImageSpecTests : IDisposable
{
    private readonly FakePool _pool = new();
    private readonly HostLimits _host;

    public CloudImageSpecTests() => _host = Hosts.For(_pool);

    public void Dispose() => _pool.Dispose();

    [Fact]
    public void A_cloud_image_guest_gets_a_new_disk_and_the_seed_on_a_virtio_scsi_cdrom()
    {
        ValidatedGuest guest = Build.Validated(Spec(linked: true), _host);

        Assert.Equal(_pool.ImportPath, guest.CloudImage!.ImagePath);
        Assert.Equal("qcow2", guest.CloudImage.ImageFormat);
        Assert.Equal("guest1-cidata.iso", guest.CloudImage.SeedVolumeName);
        Assert.Equal(_pool.PathOf("guest1-cidata.iso"), guest.CdromPath);
        Assert.Equal(_pool.PathOf("guest1.qcow2"), guest.NewVolume!.Path);

        XElement devices = DomainXmlBuilder.Build(guest, Build.Context).Root!.Element("devices")!;
        XElement cdrom = devices.Elements("disk").Single(d => (string?)d.Attribute("device") == "cdrom");
        Assert.Equal("scsi", (string?)cdrom.Element("target")!.Attribute("bus"));
        Assert.Equal(_pool.PathOf("guest1-cidata.iso"), (string?)cdrom.Element("source")!.Attribute("file"));
        Assert.Contains(devices.Elements("controller"), c => (string?)c.Attribute("model") == "virtio-scsi");
        Assert.Equal(SourceKinds.CloudImage, DomainXmlBuilder.Metadata(guest.Spec, Build.Context).SourceKind);
    }

    [Fact]
    public void An_iso_is_not_a_cloud_image() =>
        Refusal.Assert(Spec() with { Source = Source() with { VolumePath = _pool.IsoPath } }, _host, "Source.VolumePath", ValidationKeys.CloudImageIsIso);

    [Fact]
    public void The_disk_must_be_a_new_volume() =>
        Refusal.Assert(Spec() with { Disk = new GuestDisk.None() }, _host, "Disk", ValidationKeys.CloudImageNeedsNewDisk);

    [Fact]
    public void A_linked_overlay_needs_qcow2() =>
        Refusal.Assert(Spec(linked: true) with { Disk = new GuestDisk.NewVolume(FakePool.Name, 10, DiskFormat.Raw) }, _host, "Disk.Format", ValidationKeys.CloudImageLinkedNeedsQcow2);

    [Fact]
    public void Bad_cloud_init_input_refuses_the_guest() =>
        Refusal.Assert(Spec() with { Source = Source() with { CloudInit = new CloudInitSpec("alice", "pw", [], "bad_host") } }, _host, "CloudInit.HostName", ValidationKeys.CloudHostNameInvalid);

    private GuestSource.CloudImage Source(bool linked = false) =>
        new(FakePool.Name, _pool.ImportPath, linked, new CloudInitSpec("alice", "pw", [Keys.Ed25519], null));

    private GuestSpec Spec(bool linked = false) => Specs.Iso(_pool) with { Source = Source(linked) };
}
