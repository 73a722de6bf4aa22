using System.Globalization;
using WebVirt.Web.Formatting;

namespace WebVirt.Web.Tests;

public sealed class SizesTests
{
    [Theory]
    [InlineData(512, "512 KiB")]
    [InlineData(1024, "1 MiB")]
    [InlineData(1536, "1.5 MiB")]
    [InlineData(2 * 1024 * 1024, "2 GiB")]
    [InlineData(16_384_000, "15.6 GiB")]
    [InlineData(0, "0 KiB")]
    public void FormatsInBinaryUnits(long kib, string expected) =>
        Assert.Equal(expected, Sizes.FromKiB(kib, CultureInfo.InvariantCulture));
}
