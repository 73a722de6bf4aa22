using WebVirt.Web.Components.Shared;

namespace WebVirt.Web.Tests.GuestPage;

public sealed class UsageScalesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 6, 0, 0, TimeSpan.Zero);

    private static UsagePoint At(int seconds, double value) => new(T0.AddSeconds(seconds), value);

    [Theory]
    [InlineData(0, 1)]
    [InlineData(0.3, 0.5)]
    [InlineData(7, 10)]
    [InlineData(10, 10)]
    [InlineData(11, 20)]
    [InlineData(1_300_000, 2_000_000)]
    public void Ceilings_are_round_numbers_at_or_above_the_highest_value(double highest, double expected) =>
        Assert.Equal(expected, UsageScales.NiceCeiling(highest), 6);

    [Theory]
    [InlineData(700, 1024)]
    [InlineData(400, 500)]
    [InlineData(1500, 2048)]
    [InlineData(1.9 * 1024 * 1024 * 1024, 2.0 * 1024 * 1024 * 1024)]
    [InlineData(900.0 * 1024 * 1024, 1024.0 * 1024 * 1024)]
    [InlineData(33.0 * 1024 * 1024 * 1024, 50.0 * 1024 * 1024 * 1024)]
    public void Byte_ceilings_are_round_in_binary_units(double highest, double expected) =>
        Assert.Equal(expected, UsageScales.NiceBinaryCeiling(highest), 3);

    [Fact]
    public void Percent_graphs_always_reach_one_hundred()
    {
        var scale = UsageScales.ScaleOf([new UsageLine("cpu", "red", [At(0, 3), At(10, 7)])], UsageUnit.Percent);

        Assert.Equal(new UsageScale(T0, T0.AddSeconds(10), 100), scale);
        Assert.Null(UsageScales.ScaleOf([new UsageLine("cpu", "red", [])], UsageUnit.Percent));
    }

    [Fact]
    public void Load_graphs_reach_a_round_number_and_print_plain_numbers()
    {
        var scale = UsageScales.ScaleOf([new UsageLine("load", "red", [At(0, 0.4), At(10, 3.2)])], UsageUnit.Number);

        Assert.Equal(5, scale!.Max);
        Assert.Equal("3.2", UsageFormat.Value(3.2, UsageUnit.Number, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Byte_graphs_reach_at_least_one_kibibyte()
    {
        var scale = UsageScales.ScaleOf([new UsageLine("read", "red", [At(0, 0), At(10, 0)])], UsageUnit.BytesPerSecond);

        Assert.Equal(1024, scale!.Max);
    }

    [Fact]
    public void Evenly_spaced_samples_are_one_run()
    {
        var points = new[] { At(0, 0), At(5, 50), At(10, 100), At(15, 20) };

        Assert.Equal(points, Assert.Single(UsageScales.Runs(points)));
    }

    [Fact]
    public void A_gap_in_the_samples_breaks_the_line()
    {
        var points = new[] { At(0, 10), At(5, 10), At(10, 10), At(60, 10), At(65, 10) };

        var runs = UsageScales.Runs(points);

        Assert.Equal(2, runs.Count);
        Assert.Equal(points[..3], runs[0]);
        Assert.Equal(points[3..], runs[1]);
    }

    [Fact]
    public void Single_samples_and_none_make_one_run_and_none()
    {
        Assert.Equal([At(0, 50)], Assert.Single(UsageScales.Runs([At(0, 50)])));
        Assert.Empty(UsageScales.Runs([]));
    }

    [Theory]
    [InlineData(12.34, UsageUnit.Percent, "12.3 %")]
    [InlineData(512, UsageUnit.Bytes, "512 B")]
    [InlineData(3 * 1024 * 1024, UsageUnit.Bytes, "3 MiB")]
    [InlineData(1536, UsageUnit.BytesPerSecond, "1.5 KiB/s")]
    public void Values_print_with_their_unit(double value, UsageUnit unit, string expected) =>
        Assert.Equal(expected, UsageFormat.Value(value, unit, System.Globalization.CultureInfo.InvariantCulture));
}
