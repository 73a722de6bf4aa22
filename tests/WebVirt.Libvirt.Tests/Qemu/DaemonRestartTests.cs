using System.Xml.Linq;

namespace WebVirt.Libvirt.Tests.Qemu;

[Trait("Category", "Qemu")]
[Collection(QemuCollection.Name)]
public sealed class DaemonRestartTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Close_callback_fires_when_the_daemon_dies_and_a_new_connection_works_after_restart()
    {
        await using PrivateLibvirtd daemon = await PrivateLibvirtd.StartAsync();

        var closes = new Recorder<ConnectionCloseReason>();
        using (LibvirtConnection before = LibvirtConnection.Open(daemon.TestDriverUri))
        {
            before.SetKeepAlive(1, 3);
            before.RegisterCloseCallback(closes.Add);
            await AssertEventsFlowAsync(before, "before");

            await daemon.StopAsync();

            ConnectionCloseReason reason = await closes.WaitForAsync(_ => true, s_timeout);
            Assert.Equal(ConnectionCloseReason.Eof, reason);
            Assert.False(before.IsAlive);
            Assert.Throws<LibvirtException>(() => before.GetHostname());
        }

        await daemon.RestartAsync();

        using LibvirtConnection after = LibvirtConnection.Open(daemon.TestDriverUri);
        Assert.True(after.IsAlive);
        await AssertEventsFlowAsync(after, "after");
        Assert.Single(closes.Snapshot());
    }

    private static async Task AssertEventsFlowAsync(LibvirtConnection connection, string purpose)
    {
        var events = new Recorder<DomainLifecycleEvent>();
        int callbackId = connection.RegisterDomainLifecycleEvents(events.Add);
        string name = $"wvt-restart-{purpose}";
        string xml = new XElement(
            "domain",
            new XAttribute("type", "test"),
            new XElement("name", name),
            new XElement("memory", 65536),
            new XElement("os", new XElement("type", "hvm"))).ToString();

        using (LibvirtDomain domain = connection.DefineDomainXml(xml))
        {
            domain.Create();
            domain.Destroy();
            domain.Undefine();
        }

        await events.WaitForAsync(e => e.Name == name && e.Event == DomainLifecycleEventType.Undefined, s_timeout);
        Assert.Equal(
            ["defined", "started", "stopped", "undefined"],
            events.Snapshot().Where(e => e.Name == name).Select(e => e.EventName));
        connection.DeregisterDomainEvents(callbackId);
    }
}
