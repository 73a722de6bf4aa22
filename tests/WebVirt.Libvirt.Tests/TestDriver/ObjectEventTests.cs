namespace WebVirt.Libvirt.Tests.TestDriver;

[Collection(TestDriverCollection.Name)]
public sealed class ObjectEventTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Storage_pool_lifecycle_events_arrive_in_order()
    {
        using LibvirtConnection connection = LibvirtConnection.Open(TestDriverCollection.Uri);
        var events = new Recorder<StoragePoolLifecycleEvent>();
        int callbackId = connection.RegisterStoragePoolLifecycleEvents(events.Add);
        string name = TestDomainXml.UniqueName("pev");

        string uuid;
        using (LibvirtStoragePool pool = connection.DefineStoragePoolXml(TestStorageXml.DirPool(name, $"/{name}")))
        {
            uuid = pool.Uuid;
            pool.Create();
            pool.Destroy();
            pool.Undefine();
        }

        await events.WaitForAsync(e => e.Name == name && e.Event == StoragePoolLifecycleEventType.Undefined, s_timeout);
        connection.DeregisterStoragePoolEvents(callbackId);

        Assert.Equal(
            [StoragePoolLifecycleEventType.Defined, StoragePoolLifecycleEventType.Started, StoragePoolLifecycleEventType.Stopped, StoragePoolLifecycleEventType.Undefined],
            events.Snapshot().Where(e => e.Name == name).Select(e => e.Event));
        Assert.All(events.Snapshot().Where(e => e.Name == name), e => Assert.Equal(uuid, e.Uuid));
        Assert.Throws<ArgumentException>(() => connection.DeregisterStoragePoolEvents(callbackId));
    }

    [Fact]
    public async Task Network_lifecycle_events_reach_every_subscriber()
    {
        using LibvirtConnection connection = LibvirtConnection.Open(TestDriverCollection.Uri);
        var first = new Recorder<NetworkLifecycleEvent>();
        var second = new Recorder<NetworkLifecycleEvent>();
        int firstId = connection.RegisterNetworkLifecycleEvents(first.Add);
        int secondId = connection.RegisterNetworkLifecycleEvents(second.Add);
        string name = TestDomainXml.UniqueName("nev");
        string xml = $"<network><name>{name}</name><bridge name='wvtunit2'/></network>";

        using (LibvirtNetwork network = connection.DefineNetworkXml(xml))
        {
            network.Create();
            network.Destroy();
            network.Undefine();
        }

        NetworkLifecycleEventType[] expected =
            [NetworkLifecycleEventType.Defined, NetworkLifecycleEventType.Started, NetworkLifecycleEventType.Stopped, NetworkLifecycleEventType.Undefined];
        foreach (Recorder<NetworkLifecycleEvent> recorder in new[] { first, second })
        {
            await recorder.WaitForAsync(e => e.Name == name && e.Event == NetworkLifecycleEventType.Undefined, s_timeout);
            Assert.Equal(expected, recorder.Snapshot().Where(e => e.Name == name).Select(e => e.Event));
        }

        connection.DeregisterNetworkEvents(firstId);
        connection.DeregisterNetworkEvents(secondId);
    }
}
