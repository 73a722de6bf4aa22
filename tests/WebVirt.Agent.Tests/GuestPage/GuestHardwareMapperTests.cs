using WebVirt.Agent.Guests;
using WebVirt.Domain.Devices;

namespace WebVirt.Agent.Tests.GuestPage;

public sealed class GuestHardwareMapperTests
{
    private const string Disk = "/pool/a.qcow2";

    private static readonly Dictionary<string, DiskSize> Sizes = new() { [Disk] = new DiskSize("pool", "a.qcow2", 1024, 512) };

    [Fact]
    public void A_definition_maps_to_hardware_with_the_sizes_of_its_disks()
    {
        var hardware = GuestHardwareMapper.From(DomainXmlReader.Read(Xml(memoryMiB: 512)), Sizes);

        Assert.Equal((2, 4, (int?)1, (int?)2, (int?)2, 512L, 512L, true), (hardware.VCpus, hardware.MaxVCpus, hardware.Sockets, hardware.Cores, hardware.Threads, hardware.MemoryMiB, hardware.MaxMemoryMiB, hardware.BootMenu));
        Assert.Equal(["hd", "cdrom"], hardware.BootOrder);
        Assert.Equal(
            [
                new("disk", "virtio", "vda", Disk, "qcow2", false, "none", "pool", "a.qcow2", 1024, 512),
                new("cdrom", "sata", "sda", null, "raw", true, null, null, null, null, null),
            ],
            hardware.Disks);
        Assert.Equal([new("52:54:00:12:34:56", "network", "default", "virtio", false)], hardware.Nics);
    }

    [Fact]
    public void Two_reads_of_the_same_definition_are_the_same_hardware_although_their_lists_are_different_objects()
    {
        var a = GuestHardwareMapper.From(DomainXmlReader.Read(Xml(memoryMiB: 512)), Sizes);
        var b = GuestHardwareMapper.From(DomainXmlReader.Read(Xml(memoryMiB: 512)), Sizes);

        Assert.NotEqual(a, b);
        Assert.True(GuestHardwareMapper.Same(a, b));
    }

    [Theory]
    [InlineData("memory")]
    [InlineData("boot")]
    [InlineData("disk")]
    [InlineData("nic")]
    public void Any_difference_makes_them_different_hardware(string change)
    {
        var a = GuestHardwareMapper.From(DomainXmlReader.Read(Xml(memoryMiB: 512)), Sizes);
        var b = GuestHardwareMapper.From(DomainXmlReader.Read(Xml(memoryMiB: 512)), Sizes);
        b = change switch
        {
            "memory" => b with { MaxMemoryMiB = 1024 },
            "boot" => b with { BootOrder = ["cdrom", "hd"] },
            "disk" => b with { Disks = [b.Disks[0] with { Cache = "writeback" }, b.Disks[1]] },
            _ => b with { Nics = [b.Nics[0] with { LinkUp = true }] },
        };

        Assert.False(GuestHardwareMapper.Same(a, b));
    }

    private static string Xml(int memoryMiB) => $"""
        <domain type='qemu'>
          <name>g</name>
          <memory unit='MiB'>{memoryMiB}</memory>
          <vcpu current='2'>4</vcpu>
          <cpu mode='host-passthrough'><topology sockets='1' cores='2' threads='2'/></cpu>
          <os><type machine='q35'>hvm</type><boot dev='hd'/><boot dev='cdrom'/><bootmenu enable='yes'/></os>
          <devices>
            <disk type='file' device='disk'><driver name='qemu' type='qcow2' cache='none'/><source file='{Disk}'/><target dev='vda' bus='virtio'/></disk>
            <disk type='file' device='cdrom'><driver name='qemu' type='raw'/><target dev='sda' bus='sata'/><readonly/></disk>
            <interface type='network'><mac address='52:54:00:12:34:56'/><source network='default'/><model type='virtio'/><link state='down'/></interface>
          </devices>
        </domain>
        """;
}
