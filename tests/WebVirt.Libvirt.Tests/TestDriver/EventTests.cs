namespace WebVirt.Libvirt.Tests.TestDriver;

[Collection(TestDriverCollection.Name)]
public sealed class EventTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Lifecycle_events_arrive_for_each_transition_in_order()
    {
        using LibvirtConnection connection = LibvirtConnection.Open(TestDriverCollection.Uri);
        var events = new Recorder<DomainLifecycleEvent>();
        int callbackId = connection.RegisterDomainLifecycleEvents(events.Add);
        string name = TestDomainXml.UniqueName("events");

        string uuid;
        using (LibvirtDomain domain = connection.DefineDomainXml(TestDomainXml.Create(name)))
        {
            uuid = domain.Uuid;
            domain.Create();
            domain.Suspend();
            domain.Resume();
            domain.Destroy();
            domain.Undefine();
        }

        await events.WaitForAsync(e => e.Name == name && e.Event == DomainLifecycleEventType.Undefined, s_timeout);
        connection.DeregisterDomainEvents(callbackId);

        string[] seen = events.Snapshot().Where(e => e.Name == name).Select(e => $"{e.EventName}/{e.DetailName}").ToArray();
        Assert.Equal(
            ["defined/added", "started/booted", "suspended/paused", "resumed/unpaused", "stopped/destroyed", "undefined/removed"],
            seen);
        Assert.All(events.Snapshot().Where(e => e.Name == name), e => Assert.Equal(uuid, e.Uuid));
    }

    [Fact]
    public async Task Deregistered_handler_receives_nothing_more()
    {
        using LibvirtConnection connection = LibvirtConnection.Open(TestDriverCollection.Uri);
        var stopped = new Recorder<DomainLifecycleEvent>();
        var live = new Recorder<DomainLifecycleEvent>();
        int stoppedId = connection.RegisterDomainLifecycleEvents(stopped.Add);
        connection.RegisterDomainLifecycleEvents(live.Add);
        connection.DeregisterDomainEvents(stoppedId);
        string name = TestDomainXml.UniqueName("dereg");

        using (LibvirtDomain domain = connection.DefineDomainXml(TestDomainXml.Create(name)))
        {
            domain.Undefine();
        }

        await live.WaitForAsync(e => e.Name == name && e.Event == DomainLifecycleEventType.Undefined, s_timeout);
        Assert.DoesNotContain(stopped.Snapshot(), e => e.Name == name);
    }

    [Fact]
    public async Task A_throwing_handler_does_not_stop_later_events()
    {
        using LibvirtConnection connection = LibvirtConnection.Open(TestDriverCollection.Uri);
        var events = new Recorder<DomainLifecycleEvent>();
        connection.RegisterDomainLifecycleEvents(e =>
        {
            events.Add(e);
            throw new InvalidOperationException("handler failure");
        });
        string name = TestDomainXml.UniqueName("throw");

        using (LibvirtDomain domain = connection.DefineDomainXml(TestDomainXml.Create(name)))
        {
            domain.Undefine();
        }

        await events.WaitForAsync(e => e.Name == name && e.Event == DomainLifecycleEventType.Undefined, s_timeout);
    }

    [Fact]
    public async Task Handlers_run_off_the_event_loop_and_a_blocked_one_does_not_hold_up_others()
    {
        using LibvirtConnection connection = LibvirtConnection.Open(TestDriverCollection.Uri);
        using var release = new ManualResetEventSlim();
        var blockedThreads = new Recorder<string?>();
        var events = new Recorder<DomainLifecycleEvent>();
        int blockedId = connection.RegisterDomainLifecycleEvents(_ =>
        {
            blockedThreads.Add(Thread.CurrentThread.Name);
            release.Wait(TimeSpan.FromSeconds(30));
        });
        connection.RegisterDomainLifecycleEvents(events.Add);
        string name = TestDomainXml.UniqueName("blocked");
        try
        {
            using (LibvirtDomain domain = connection.DefineDomainXml(TestDomainXml.Create(name)))
            {
                domain.Undefine();
            }

            await events.WaitForAsync(e => e.Name == name && e.Event == DomainLifecycleEventType.Undefined, s_timeout);
            Assert.Single(blockedThreads.Snapshot());
            Assert.NotEqual("libvirt-event-loop", Assert.Single(blockedThreads.Snapshot()));
        }
        finally
        {
            release.Set();
            connection.DeregisterDomainEvents(blockedId);
        }
    }

    [Fact]
    public void Deregistering_an_unknown_or_removed_callback_id_throws()
    {
        using LibvirtConnection connection = LibvirtConnection.Open(TestDriverCollection.Uri);
        int callbackId = connection.RegisterDomainLifecycleEvents(_ => { });
        connection.DeregisterDomainEvents(callbackId);

        Assert.Throws<ArgumentException>(() => connection.DeregisterDomainEvents(callbackId));
        Assert.Throws<ArgumentException>(() => connection.DeregisterDomainEvents(987654));
    }
}
