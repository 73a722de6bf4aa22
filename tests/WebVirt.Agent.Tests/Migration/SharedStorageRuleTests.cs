using WebVirt.Agent.Migration;

namespace WebVirt.Agent.Tests.Migration;

/// <summary>The one rule for shared storage: only a disk on a pool marked shared whose path the destination has stays in place.</summary>
public sealed class SharedStorageRuleTests
{
    private static readonly string[] s_marked = ["nfs"];

    [Theory]
    [InlineData("nfs", true, true)]
    [InlineData("nfs", false, false)]
    [InlineData("local", true, false)]
    [InlineData("local", false, false)]
    [InlineData("NFS", true, false)]
    [InlineData(null, true, false)]
    public void A_disk_stays_in_place_only_on_a_marked_pool_the_destination_sees(string? pool, bool samePath, bool stays) =>
        Assert.Equal(stays ? DiskMove.Shared : DiskMove.Copy, SharedStorageRule.Decide(pool, s_marked, samePath));

    [Fact]
    public void Nothing_marked_means_every_disk_is_copied() =>
        Assert.Equal(DiskMove.Copy, SharedStorageRule.Decide("nfs", [], samePathOnDestination: true));
}
