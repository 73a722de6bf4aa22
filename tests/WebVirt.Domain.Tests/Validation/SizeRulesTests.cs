using WebVirt.Domain.Validation;

namespace WebVirt.Domain.Tests.Validation;

public sealed class SizeRulesTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(SizeRules.MaximumDiskGiB)]
    public void A_disk_from_1_GiB_to_the_maximum_fits(long giB)
    {
        var problems = new List<ValidationProblem>();

        Assert.True(SizeRules.CheckDiskGiB(giB, "Disk.SizeGiB", problems));
        Assert.True(SizeRules.CheckDiskBytes(giB * SizeRules.GiB, "SizeBytes", problems));
        Assert.Empty(problems);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(SizeRules.MaximumDiskGiB + 1)]
    public void A_disk_out_of_range_gets_one_message_naming_the_range_and_the_value(long giB)
    {
        var problems = new List<ValidationProblem>();

        Assert.False(SizeRules.CheckDiskGiB(giB, "Disk.SizeGiB", problems));

        ValidationProblem problem = Assert.Single(problems);
        Assert.Equal(ValidationKeys.DiskSizeInvalid, problem.Key);
        Assert.Equal([SizeRules.MaximumDiskGiB, giB], problem.Args);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(SizeRules.MaximumDiskBytes + 1)]
    public void A_capacity_in_bytes_out_of_range_is_refused(long bytes)
    {
        var problems = new List<ValidationProblem>();

        Assert.False(SizeRules.CheckDiskBytes(bytes, "NewCapacityBytes", problems));

        ValidationProblem problem = Assert.Single(problems);
        Assert.Equal("NewCapacityBytes", problem.Field);
        Assert.Equal(ValidationKeys.VolumeCapacityInvalid, problem.Key);
    }

    [Theory]
    [InlineData("512", null, 512L * 1024)]
    [InlineData("512", "KiB", 512L * 1024)]
    [InlineData("512", "k", 512L * 1024)]
    [InlineData("2", "MiB", 2L * 1024 * 1024)]
    [InlineData("2", "M", 2L * 1024 * 1024)]
    [InlineData("3", "GiB", 3L * 1024 * 1024 * 1024)]
    [InlineData("1", "TiB", 1024L * 1024 * 1024 * 1024)]
    [InlineData("7", "b", 7L)]
    [InlineData("7", "bytes", 7L)]
    [InlineData("2", "KB", 2000L)]
    [InlineData("2", "MB", 2000000L)]
    [InlineData("2", "GB", 2000000000L)]
    [InlineData(" 2 ", "GB", 2000000000L)]
    public void Libvirt_units_are_read_as_libvirt_defines_them(string value, string? unit, long bytes) =>
        Assert.Equal(bytes, SizeRules.ToBytes(value, unit));

    [Theory]
    [InlineData("-1", "KiB")]
    [InlineData("1.5", "GiB")]
    [InlineData("", "KiB")]
    [InlineData(null, "KiB")]
    [InlineData("1", "furlongs")]
    [InlineData("9223372036854775807", "KiB")]
    public void A_number_or_unit_libvirt_does_not_write_reads_as_nothing(string? value, string? unit) =>
        Assert.Null(SizeRules.ToBytes(value, unit));
}
