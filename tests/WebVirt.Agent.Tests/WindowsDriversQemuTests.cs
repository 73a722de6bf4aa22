using System.Xml.Linq;
using Microsoft.AspNetCore.SignalR.Client;
using WebVirt.Contracts;
using WebVirt.Testing;

namespace WebVirt.Agent.Tests;

/// <summary>
/// Windows 11 guests on the real qemu:///system (TCG): with the virtio driver ISO they get a virtio
/// disk and card and the ISO as the second SATA CD-ROM; without it a SATA disk, an e1000e card and
/// a USB tablet. Windows cannot boot here, so the install ISO is the test system's: each guest
/// starting to its banner proves QEMU accepts the devices (and boots the first CD-ROM).
/// </summary>
[Trait("Category", "Qemu")]
[Collection(ProvisioningCollection.Name)]
public sealed class WindowsDriversQemuTests(ProvisioningFixture fixture)
{
    private HubConnection Hub => fixture.Hub;

    [Fact]
    public async Task Windows_11_with_the_driver_iso_gets_virtio_devices_and_the_iso_as_second_cdrom_and_boots()
    {
        string name = ProvisioningFixture.Prefix + "win-drivers";
        string drivers = await DriverIsoAsync();
        var spec = Windows11(name) with { DriversIsoPool = fixture.PoolName, DriversIsoPath = drivers };

        var preview = await Hub.InvokeAsync<GuestPreview>(nameof(IAgentHub.PreviewGuest), spec);
        Assert.Empty(preview.Problems);
        Assert.Equal(drivers, SecondCdrom(XDocument.Parse(preview.Xml!).Root!));

        XElement devices = await CreateAndBootAsync(spec);

        Assert.Equal("virtio", Bus(WritableDisk(devices)));
        Assert.Equal("virtio", (string?)devices.Element("interface")!.Element("model")!.Attribute("type"));
        var cdroms = Cdroms(devices);
        Assert.Equal([fixture.IsoPath, drivers], cdroms.Select(c => (string?)c.Element("source")?.Attribute("file")));
        Assert.All(cdroms, c => Assert.Equal("sata", Bus(c)));
        Assert.Contains(devices.Elements("input"), i => (string?)i.Attribute("type") == "tablet" && (string?)i.Attribute("bus") == "usb");
    }

    [Fact]
    public async Task Windows_11_without_the_driver_iso_gets_a_sata_disk_an_e1000e_card_and_a_tablet_and_boots()
    {
        string name = ProvisioningFixture.Prefix + "win-plain";

        XElement devices = await CreateAndBootAsync(Windows11(name));

        Assert.Equal("sata", Bus(WritableDisk(devices)));
        Assert.Equal("e1000e", (string?)devices.Element("interface")!.Element("model")!.Attribute("type"));
        Assert.Equal(fixture.IsoPath, (string?)Assert.Single(Cdroms(devices)).Element("source")?.Attribute("file"));
        Assert.Contains(devices.Elements("input"), i => (string?)i.Attribute("type") == "tablet" && (string?)i.Attribute("bus") == "usb");
    }

    [Fact]
    public async Task The_preview_names_the_card_the_guest_gets_by_the_same_rule_even_while_the_spec_is_refused()
    {
        string name = ProvisioningFixture.Prefix + "win-nic";
        string drivers = await DriverIsoAsync();

        var plain = await Hub.InvokeAsync<GuestPreview>(nameof(IAgentHub.PreviewGuest), Windows11(name));
        var withDrivers = await Hub.InvokeAsync<GuestPreview>(nameof(IAgentHub.PreviewGuest), Windows11(name) with { DriversIsoPool = fixture.PoolName, DriversIsoPath = drivers });
        // i440fx with Secure Boot is refused; the card is still named, so the Network step can say it.
        var i440fx = await Hub.InvokeAsync<GuestPreview>(nameof(IAgentHub.PreviewGuest), Windows11(name) with { MachineType = "pc", MemoryMiB = 0 });
        var chosen = await Hub.InvokeAsync<GuestPreview>(nameof(IAgentHub.PreviewGuest), Windows11(name) with { NicModel = "rtl8139" });
        var linux = await Hub.InvokeAsync<GuestPreview>(nameof(IAgentHub.PreviewGuest), Windows11(name) with { OsVariant = "debian12", Firmware = GuestFirmware.Bios, Tpm = false });
        var none = await Hub.InvokeAsync<GuestPreview>(nameof(IAgentHub.PreviewGuest), Windows11(name) with { Network = GuestNetworkKind.None, NetworkName = null });

        Assert.Empty(plain.Problems);
        Assert.Equal("e1000e", plain.NicModel);
        Assert.Equal("e1000e", (string?)XDocument.Parse(plain.Xml!).Root!.Element("devices")!.Element("interface")!.Element("model")!.Attribute("type"));
        Assert.Equal("virtio", withDrivers.NicModel);
        Assert.NotEmpty(i440fx.Problems);
        Assert.Equal("e1000", i440fx.NicModel);
        Assert.Equal("rtl8139", chosen.NicModel);
        Assert.Equal("virtio", linux.NicModel);
        Assert.Null(none.NicModel);
        Assert.False(ProvisioningFixture.DomainExists(name));
    }

    [Fact]
    public async Task A_missing_driver_volume_and_a_driver_iso_for_linux_are_refused_and_nothing_is_made()
    {
        string name = ProvisioningFixture.Prefix + "win-refused";
        var volumes = fixture.PoolVolumeNames();

        var missing = await Hub.InvokeAsync<ProvisioningResult>(
            nameof(IAgentHub.CreateGuest),
            Windows11(name) with { DriversIsoPool = fixture.PoolName, DriversIsoPath = Path.Combine(fixture.PoolPath, "virtio-win-gone.iso") });
        var linux = await Hub.InvokeAsync<ProvisioningResult>(
            nameof(IAgentHub.CreateGuest),
            Windows11(name) with { OsVariant = "debian12", DriversIsoPool = fixture.PoolName, DriversIsoPath = fixture.IsoPath });

        Assert.False(missing.Ok);
        Assert.Contains(missing.Problems, p => p.Field == "DriversIso.VolumePath" && p.Key == "Volume.Unknown");
        Assert.False(linux.Ok);
        Assert.Contains(linux.Problems, p => p.Field == "DriversIso" && p.Key == "DriversIso.NotWindows");
        Assert.False(ProvisioningFixture.DomainExists(name));
        Assert.Equal(volumes.Order(), fixture.PoolVolumeNames().Order());
    }

    private GuestSpecDto Windows11(string name) => new()
    {
        Name = name,
        Source = GuestSourceKind.IsoVolume,
        SourcePool = fixture.PoolName,
        SourcePath = fixture.IsoPath,
        OsVariant = "win11",
        VCpus = 1,
        // 512 MiB: with 256 the Secure Boot firmware and the test kernel reset in a loop.
        MemoryMiB = 512,
        Disk = GuestDiskKind.NewVolume,
        DiskPool = fixture.PoolName,
        DiskSizeGiB = 1,
        Network = GuestNetworkKind.LibvirtNetwork,
        NetworkName = fixture.IsolatedNetwork,
        Firmware = GuestFirmware.UefiSecureBoot,
        Tpm = true,
        MachineType = "q35",
        StartAfterCreate = true,
        RequestedBy = "test-user",
    };

    /// <summary>Creates and starts the guest, waits for the test system's banner, and returns libvirt's persistent &lt;devices&gt;.</summary>
    private async Task<XElement> CreateAndBootAsync(GuestSpecDto spec)
    {
        var task = await fixture.RunTaskAsync(await Hub.InvokeAsync<ProvisioningResult>(nameof(IAgentHub.CreateGuest), spec));
        Assert.True(task.State == AgentTaskState.Succeeded, string.Join(" | ", task.Log));
        using var connection = LibvirtConnection.Open(ProvisioningFixture.Uri);
        using var domain = connection.LookupDomainByName(spec.Name);
        Assert.True(domain.IsActive());
        await GuestConsole.WaitForBannerAsync(domain);
        return XDocument.Parse(domain.GetXmlDesc(inactive: true)).Root!.Element("devices")!;
    }

    /// <summary>A small ISO 9660 image standing in for virtio-win.iso, made once per fixture in its pool.</summary>
    private async Task<string> DriverIsoAsync()
    {
        string iso = Path.Combine(fixture.PoolPath, "virtio-win-test.iso");
        if (File.Exists(iso))
        {
            return iso;
        }

        await StandInDriverIso.WriteAsync(iso);
        fixture.RefreshPool();
        return iso;
    }

    private static IReadOnlyList<XElement> Cdroms(XElement devices) =>
        [.. devices.Elements("disk").Where(d => (string?)d.Attribute("device") == "cdrom")];

    private static XElement WritableDisk(XElement devices) =>
        devices.Elements("disk").Single(d => (string?)d.Attribute("device") == "disk");

    private static string? SecondCdrom(XElement domain) =>
        (string?)Cdroms(domain.Element("devices")!)[1].Element("source")?.Attribute("file");

    private static string? Bus(XElement disk) => (string?)disk.Element("target")?.Attribute("bus");
}
