using WebVirt.Domain.Devices;

namespace WebVirt.Domain.Tests.Devices;

public sealed class DiskTargetsTests
{
    [Theory]
    [InlineData(0, "a")]
    [InlineData(1, "b")]
    [InlineData(25, "z")]
    [InlineData(26, "aa")]
    [InlineData(27, "ab")]
    [InlineData(51, "az")]
    [InlineData(52, "ba")]
    [InlineData(701, "zz")]
    public void Suffixes_count_like_libvirt(int index, string suffix) => Assert.Equal(suffix, DiskTargets.Suffix(index));

    [Theory]
    [InlineData(DiskBus.Virtio, new string[0], "vda")]
    [InlineData(DiskBus.Virtio, new[] { "vda", "sda" }, "vdb")]
    [InlineData(DiskBus.Virtio, new[] { "vda", "vdc" }, "vdb")]
    [InlineData(DiskBus.Sata, new[] { "vda", "sda" }, "sdb")]
    [InlineData(DiskBus.Scsi, new[] { "sda", "sdb" }, "sdc")]
    [InlineData(DiskBus.Ide, new[] { "hda", "hdb", "hdc" }, "hdd")]
    [InlineData(DiskBus.Ide, new[] { "hda", "hdb", "hdc", "hdd" }, null)]
    public void The_first_free_name_of_the_bus_is_chosen(DiskBus bus, string[] used, string? expected) =>
        Assert.Equal(expected, DiskTargets.Next(bus, used));

    [Fact]
    public void After_vdz_comes_vdaa()
    {
        string[] used = Enumerable.Range(0, 26).Select(i => "vd" + DiskTargets.Suffix(i)).ToArray();
        Assert.Equal("vdaa", DiskTargets.Next(DiskBus.Virtio, used));
    }
}
