using System.Xml.Linq;
using WebVirt.Domain.Cloning;
using WebVirt.Domain.Definition;
using WebVirt.Domain.Guests;
using WebVirt.Domain.Tests.Support;
using WebVirt.Domain.Validation;
using WebVirt.Testing;

namespace WebVirt.Domain.Tests.Libvirt;

/// <summary>One generated domain XML per source kind and option, named with this run's prefix.</summary>
public static class AcceptanceCases
{
    public static readonly string[] All =
    [
        "iso-q35", "iso-pc", "netinst", "import", "pxe", "bridge", "no-network", "raw-disk", "custom-cpu",
        "metachars", "template", "clone",
    ];

    public static GuestSpec Spec(string name, FakePool pool)
    {
        string guest = TestRun.GuestName(name);
        GuestSpec iso = Specs.Emulated(Specs.Iso(pool, guest));
        return name switch
        {
            "iso-q35" or "template" or "clone" => iso,
            "iso-pc" => iso with { MachineType = "pc" },
            "netinst" => Specs.Emulated(Specs.NetworkInstall(pool, guest)),
            "import" => Specs.Emulated(Specs.Import(pool, guest)),
            "pxe" => Specs.Emulated(Specs.Pxe(pool, guest)),
            "bridge" => iso with { Nic = new GuestNic(new GuestNetwork.Bridge("br0"), "e1000e") },
            "no-network" => iso with { Nic = new GuestNic(new GuestNetwork.None()) },
            "raw-disk" => iso with { Disk = new GuestDisk.NewVolume(FakePool.Name, 1, DiskFormat.Raw, Thin: false) },
            "custom-cpu" => iso with { CpuMode = CpuMode.Custom, CustomCpuModel = "qemu64" },
            "metachars" => iso with
            {
                Description = "<b>&amp; ' \" ]]> 中文",
                Source = new GuestSource.NetworkInstall("http://example.org/tree?a=1&b=<2>", "console=ttyS0 x='\"&<>]]>'"),
            },
            "uefi" => iso with { Firmware = Firmware.Uefi },
            "uefi-pc" => iso with { Firmware = Firmware.Uefi, MachineType = "pc" },
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
        };
    }

    public static string Xml(string name, FakePool pool, HostLimits host)
    {
        GuestSpec spec = Spec(name, pool);
        ValidatedGuest guest = Build.Validated(spec, host);
        XDocument xml = spec.Source is GuestSource.NetworkInstall
            ? DomainXmlBuilder.Build(guest, Build.Context, Build.Kernel(pool))
            : DomainXmlBuilder.Build(guest, Build.Context);
        return name switch
        {
            "template" => WebVirtMetadata.WithTemplateFlag(xml.ToString(), isTemplate: true),
            "clone" => CloneOf(xml, guest, pool, host),
            _ => xml.ToString(),
        };
    }

    public static HostLimits Host(FakePool pool) => Hosts.For(pool) with { HostCpus = Environment.ProcessorCount, KvmAvailable = true };

    private static string CloneOf(XDocument source, ValidatedGuest guest, FakePool pool, HostLimits host)
    {
        source.Root!.Element("name")!.Value = TestRun.GuestName("clone-source");
        var copies = new Dictionary<string, string> { [guest.Disks[0].Path] = pool.PathOf("clone-copy.qcow2") };
        CloneResult result = CloneXmlTransformer.Transform(source.ToString(), new CloneRequest(TestRun.GuestName("clone"), copies, "bob", Build.CreatedAt), host);
        Assert.True(result.IsValid, string.Join("\n", result.Problems));
        return result.Xml!;
    }
}
