using System.Xml.Linq;
using WebVirt.Domain.Definition;
using WebVirt.Domain.Guests;
using WebVirt.Domain.Tests.Support;
using WebVirt.Domain.Validation;

namespace WebVirt.Domain.Tests;

/// <summary>
/// Every text field with XML metacharacters: identifiers are refused by their patterns, free text
/// comes out of the XML exactly as it went in (escaped on the way, never interpreted).
/// </summary>
public sealed class MetacharacterTests : IDisposable
{
    public static readonly TheoryData<string> Nasties = new() { "<", "&", "'", "\"", "]]>", "a</name><name>b", "&amp;", "<!--x-->", "'/><evil a='" };

    private readonly FakePool _pool = new();
    private readonly HostLimits _host;

    public MetacharacterTests() => _host = Hosts.For(_pool);

    public void Dispose() => _pool.Dispose();

    [Theory]
    [MemberData(nameof(Nasties))]
    public void In_the_name_they_are_refused(string nasty) =>
        Refusal.Assert(Specs.Iso(_pool) with { Name = "guest" + nasty }, _host, "Name", ValidationKeys.NameInvalid);

    [Theory]
    [MemberData(nameof(Nasties))]
    public void In_the_mac_they_are_refused(string nasty) =>
        Refusal.Assert(Specs.Iso(_pool) with { Nic = new GuestNic(new GuestNetwork.LibvirtNetwork("default"), Mac: "52:54:00:00:00:0" + nasty) }, _host, "Nic.Mac", ValidationKeys.MacMalformed);

    [Theory]
    [MemberData(nameof(Nasties))]
    public void In_the_network_and_bridge_names_they_are_refused(string nasty)
    {
        Refusal.Assert(Specs.Iso(_pool) with { Nic = new GuestNic(new GuestNetwork.LibvirtNetwork("default" + nasty)) }, _host, "Nic.Network", ValidationKeys.NetworkUnknown);
        Refusal.Assert(Specs.Iso(_pool) with { Nic = new GuestNic(new GuestNetwork.Bridge("br0" + nasty)) }, _host, "Nic.Network", ValidationKeys.BridgeUnknown);
    }

    [Theory]
    [MemberData(nameof(Nasties))]
    public void In_the_nic_model_machine_type_cpu_model_and_os_variant_they_are_refused(string nasty)
    {
        Refusal.Assert(Specs.Iso(_pool) with { Nic = new GuestNic(new GuestNetwork.LibvirtNetwork("default"), "virtio" + nasty) }, _host, "Nic.Model", ValidationKeys.NicModelUnknown);
        Refusal.Assert(Specs.Iso(_pool) with { MachineType = "q35" + nasty }, _host, "MachineType", ValidationKeys.MachineTypeInvalid);
        Refusal.Assert(Specs.Iso(_pool) with { CpuMode = CpuMode.Custom, CustomCpuModel = "qemu64" + nasty }, _host, "CustomCpuModel", ValidationKeys.CpuModelInvalid);
        Refusal.Assert(Specs.Iso(_pool) with { OsVariant = "debian11" + nasty }, _host, "OsVariant", ValidationKeys.OsVariantInvalid);
    }

    [Theory]
    [MemberData(nameof(Nasties))]
    public void In_pool_names_and_template_ids_they_are_refused(string nasty)
    {
        Refusal.Assert(Specs.Iso(_pool) with { Disk = new GuestDisk.NewVolume(FakePool.Name + nasty, 1) }, _host, "Disk.Pool", ValidationKeys.PoolUnknown);
        Refusal.Assert(Specs.Iso(_pool) with { Source = new GuestSource.FromTemplate(Hosts.TemplateUuid + nasty), Disk = new GuestDisk.None() }, _host, "Source.TemplateUuid", ValidationKeys.TemplateUuidInvalid);
    }

    [Theory]
    [MemberData(nameof(Nasties))]
    public void In_paths_they_are_refused_unless_libvirt_knows_the_volume(string nasty)
    {
        Refusal.Assert(Specs.Iso(_pool) with { Source = new GuestSource.IsoVolume(FakePool.Name, _pool.PathOf("x" + nasty + ".iso")) }, _host, "Source.VolumePath", ValidationKeys.VolumeUnknown);
        Refusal.Assert(Specs.Import(_pool) with { Source = new GuestSource.ImportDisk("/etc/" + nasty) }, _host, "Source.VolumePath", ValidationKeys.PathOutsidePools);
    }

    [Theory]
    [MemberData(nameof(Nasties))]
    public void In_a_pool_volume_path_they_are_escaped(string nasty)
    {
        string iso = _pool.PathOf("odd" + nasty.Replace('/', '_') + ".iso");
        HostLimits host = _host with { Pools = [_pool.Info with { Volumes = [.. _pool.Info.Volumes, new PoolVolume(iso, "iso")] }] };

        XDocument xml = Reparse(Build.Xml(Specs.Iso(_pool) with { Source = new GuestSource.IsoVolume(FakePool.Name, iso) }, _pool, host));

        Assert.Equal(iso, xml.Value("/domain/devices/disk[@device='cdrom']/source/@file"));
    }

    [Theory]
    [MemberData(nameof(Nasties))]
    public void In_the_description_they_are_escaped(string nasty)
    {
        string description = "before " + nasty + " after";
        XDocument xml = Reparse(Build.Xml(Specs.Iso(_pool) with { Description = description }, _pool));

        Assert.Equal(description, xml.Value("/domain/description"));
        Assert.Equal(description, WebVirtMetadata.Read(xml)!.Description);
        Assert.Equal(1, xml.Count("/domain/name"));
    }

    [Theory]
    [MemberData(nameof(Nasties))]
    public void In_kernel_args_they_are_escaped(string nasty)
    {
        string args = "console=ttyS0 x=" + nasty;
        XDocument xml = Reparse(Build.Xml(Specs.NetworkInstall(_pool) with { Source = new GuestSource.NetworkInstall("http://example.org/tree", args) }, _pool));

        Assert.Equal("method=http://example.org/tree " + args, xml.Value("/domain/os/cmdline"));
    }

    [Theory]
    [MemberData(nameof(Nasties))]
    public void In_the_url_they_are_escaped_or_refused(string nasty)
    {
        GuestSpec spec = Specs.NetworkInstall(_pool) with { Source = new GuestSource.NetworkInstall("http://example.org/tree?q=" + nasty, null) };
        GuestValidationResult result = GuestSpecValidator.Validate(spec, _host);
        if (!result.IsValid)
        {
            Assert.All(result.Problems, p => Assert.Equal(ValidationKeys.UrlMalformed, p.Key));
            return;
        }

        XDocument xml = Reparse(DomainXmlBuilder.Build(result.Guest!, Build.Context, Build.Kernel(_pool)));
        Assert.Equal("method=http://example.org/tree?q=" + nasty, xml.Value("/domain/os/cmdline"));
    }

    [Theory]
    [MemberData(nameof(Nasties))]
    public void In_created_by_they_are_escaped(string nasty)
    {
        ValidatedGuest guest = Build.Validated(Specs.Iso(_pool), _host);
        XDocument xml = Reparse(DomainXmlBuilder.Build(guest, new GuestBuildContext("user" + nasty, Build.CreatedAt)));

        Assert.Equal("user" + nasty, WebVirtMetadata.Read(xml)!.CreatedBy);
    }

    // Through text and back: what libvirt receives is the serialized string, not the tree.
    private static XDocument Reparse(XDocument document) => XDocument.Parse(document.ToString());
}
