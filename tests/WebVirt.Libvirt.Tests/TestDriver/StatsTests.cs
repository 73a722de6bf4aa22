namespace WebVirt.Libvirt.Tests.TestDriver;

[Collection(TestDriverCollection.Name)]
public sealed class StatsTests
{
    [Fact]
    public void All_domain_stats_come_back_typed_from_one_call()
    {
        using LibvirtConnection connection = LibvirtConnection.Open(TestDriverCollection.Uri);
        using LibvirtDomain expected = connection.LookupDomainByName(TestDriverCollection.DefaultDomain);

        IReadOnlyList<DomainStatsRecord> records = connection.GetAllDomainStats(DomainStatsTypes.State);

        DomainStatsRecord record = Assert.Single(records, r => r.Name == TestDriverCollection.DefaultDomain);
        Assert.Equal(expected.Uuid, record.Uuid);
        Assert.Equal((int)DomainState.Running, Assert.IsType<int>(record.Params["state.state"]));
        Assert.IsType<int>(record.Params["state.reason"]);
    }

    [Fact]
    public void Stats_for_chosen_domains_cover_only_those()
    {
        using LibvirtConnection connection = LibvirtConnection.Open(TestDriverCollection.Uri);
        string name = TestDomainXml.UniqueName("stats");
        using LibvirtDomain extra = connection.DefineDomainXml(TestDomainXml.Create(name));
        try
        {
            IReadOnlyList<DomainStatsRecord> records = connection.GetDomainStats([extra], DomainStatsTypes.State);

            DomainStatsRecord record = Assert.Single(records);
            Assert.Equal(name, record.Name);
            Assert.Equal(extra.Uuid, record.Uuid);
            Assert.Equal((int)DomainState.Shutoff, record.Params["state.state"]);
            Assert.Empty(connection.GetDomainStats([], DomainStatsTypes.State));
        }
        finally
        {
            extra.Undefine();
        }
    }
}
