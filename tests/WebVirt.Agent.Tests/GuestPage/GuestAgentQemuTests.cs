using System.Xml.Linq;
using WebVirt.Contracts;
using WebVirt.Testing;

namespace WebVirt.Agent.Tests.GuestPage;

/// <summary>
/// The guest agent on the real qemu:///system: the test system runs Debian's qemu-ga on the
/// org.qemu.guest_agent.0 port when the guest has one (and says so on serial), with a host name,
/// a time zone and a loop-mounted ext2 file system at /data to report and freeze.
/// </summary>
[Trait("Category", "Qemu")]
[Collection(GuestPageCollection.Name)]
public sealed class GuestAgentQemuTests(GuestPageFixture fixture)
{
    private static readonly TimeSpan Boot = TimeSpan.FromSeconds(180);

    [Fact]
    public async Task The_agent_reports_the_test_system_freezes_it_for_a_snapshot_and_shuts_it_down()
    {
        string name = GuestPageFixture.Prefix + "agent";
        try
        {
            string uuid = await fixture.DefineGuestAsync(name);
            AddAgentChannel(uuid);
            Assert.Equal(GuestAgentAbsence.GuestNotRunning, (await Report(uuid))!.Absence);

            string serial = TestGuestDomainXml.SerialLogPath(name, fixture.RunDirectory);
            Assert.True((await fixture.Hub.ActAsync(uuid, GuestAction.Start)).Ok);
            await SerialLog.WaitForAsync(serial, "GUEST AGENT: qemu-ga started", Boot);

            // libvirt marks the channel connected when qemu-ga opens the port, a moment after the line.
            GuestAgentReport report = (await GuestPageFixture.EventuallyAsync(() => Report(uuid), r => r?.Data is not null, "the agent's answer"))!;
            GuestAgentData data = report.Data!;
            Assert.Null(report.Absence);
            Assert.Equal("webvirt-testguest", data.HostName);
            Assert.Equal(("webvirt-testguest", "WebVirt test guest (busybox)", "x86_64"), (data.Os!.Id, data.Os.PrettyName, data.Os.Machine));
            Assert.StartsWith("6.", data.Os.KernelRelease, StringComparison.Ordinal);
            Assert.Equal(("CET", (int?)3600), (data.TimeZone, data.TimeZoneOffsetSeconds));
            GuestAgentFileSystem fs = Assert.Single(data.FileSystems, f => f.MountPoint == "/data");
            Assert.Equal("ext2", fs.Type);
            Assert.InRange(fs.TotalBytes!.Value, 4L * 1024 * 1024, 8L * 1024 * 1024);
            Assert.InRange(fs.UsedBytes!.Value, 1, fs.TotalBytes.Value);

            ActionResult snapshot = await fixture.InvokeAsync<ActionResult>(nameof(IAgentHub.CreateGuestSnapshot), uuid, new GuestSnapshotCreate("frozen", null, true));
            Assert.True(snapshot.Ok, snapshot.ToString());
            Assert.Equal(AgentText.Of(ErrorCodes.SnapshotFrozen, "1").ToString(), snapshot.Notice?.ToString());
            await SerialLog.WaitForAsync(serial, "guest-fsfreeze called", TimeSpan.FromSeconds(30));
            using (var connection = LibvirtConnection.Open(GuestPageFixture.Uri))
            using (var domain = connection.LookupDomainByUuid(uuid))
            {
                // Thawed after the snapshot: a frozen guest's agent refuses a second freeze.
                Assert.Equal(1, domain.FreezeFileSystems());
                Assert.Equal(1, domain.ThawFileSystems());
            }

            Assert.True((await fixture.Hub.ActAsync(uuid, GuestAction.Shutdown)).Ok);
            await SerialLog.WaitForAsync(serial, "WEBVIRT TEST GUEST POWERING OFF (guest agent: poweroff)", TimeSpan.FromSeconds(60));
            Assert.DoesNotContain("POWERING OFF (ACPI power button)", SerialLog.ReadStripped(serial), StringComparison.Ordinal);
            await fixture.Hub.WaitForGuestAsync(name, GuestPageFixture.Wait, g => g.State == GuestState.ShutOff);
        }
        finally
        {
            fixture.RemoveGuest(name);
        }
    }

    [Fact]
    public async Task Reverting_to_a_snapshot_taken_frozen_while_running_leaves_the_file_systems_thawed()
    {
        string name = GuestPageFixture.Prefix + "agent-revert";
        try
        {
            string uuid = await fixture.DefineGuestAsync(name);
            AddAgentChannel(uuid);
            string serial = TestGuestDomainXml.SerialLogPath(name, fixture.RunDirectory);
            Assert.True((await fixture.Hub.ActAsync(uuid, GuestAction.Start)).Ok);
            await SerialLog.WaitForAsync(serial, "GUEST AGENT: qemu-ga started", Boot);
            await GuestPageFixture.EventuallyAsync(() => Report(uuid), r => r?.Data is not null, "the agent's answer");

            // The snapshot's memory holds the guest as it was while its agent had /data frozen.
            ActionResult snapshot = await fixture.InvokeAsync<ActionResult>(nameof(IAgentHub.CreateGuestSnapshot), uuid, new GuestSnapshotCreate("frozen-running", null, true));
            Assert.Equal(AgentText.Of(ErrorCodes.SnapshotFrozen, "1").ToString(), snapshot.Notice?.ToString());

            ActionResult reverted = await fixture.InvokeAsync<ActionResult>(nameof(IAgentHub.RevertGuestSnapshot), uuid, "frozen-running");

            Assert.True(reverted.Ok, reverted.ToString());
            using var connection = LibvirtConnection.Open(GuestPageFixture.Uri);
            using var domain = connection.LookupDomainByUuid(uuid);
            Assert.Equal(DomainState.Running, domain.GetState().State);
            // A guest still frozen would refuse a new freeze ("already frozen"); a thawed one freezes /data again.
            Assert.Equal(1, domain.FreezeFileSystems());
            Assert.Equal(1, domain.ThawFileSystems());
        }
        finally
        {
            fixture.RemoveGuest(name);
        }
    }

    [Fact]
    public async Task A_guest_without_the_channel_has_no_agent_and_its_snapshot_says_it_was_not_frozen()
    {
        string name = GuestPageFixture.Prefix + "noagent";
        try
        {
            string uuid = await fixture.DefineGuestAsync(name);
            Assert.Equal(GuestAgentAbsence.NoChannel, (await Report(uuid))!.Absence);

            string serial = TestGuestDomainXml.SerialLogPath(name, fixture.RunDirectory);
            Assert.True((await fixture.Hub.ActAsync(uuid, GuestAction.Start)).Ok);
            await SerialLog.WaitForAsync(serial, "GUEST AGENT: none", Boot);

            GuestAgentReport report = (await Report(uuid))!;
            Assert.Equal((null, GuestAgentAbsence.NoChannel), (report.Data, report.Absence));

            ActionResult snapshot = await fixture.InvokeAsync<ActionResult>(nameof(IAgentHub.CreateGuestSnapshot), uuid, new GuestSnapshotCreate("unfrozen", null, true));
            Assert.True(snapshot.Ok, snapshot.ToString());
            Assert.Equal(ErrorCodes.SnapshotNotFrozenNoAgent, snapshot.Notice?.Code);

            Assert.Null(await Report(Guid.NewGuid().ToString()));
            Assert.Null(await Report("not-a-uuid"));
        }
        finally
        {
            fixture.RemoveGuest(name);
        }
    }

    private Task<GuestAgentReport?> Report(string uuid) => fixture.InvokeAsync<GuestAgentReport?>(nameof(IAgentHub.GetGuestAgentInfo), uuid);

    private static void AddAgentChannel(string uuid)
    {
        using var connection = LibvirtConnection.Open(GuestPageFixture.Uri);
        XElement domain = XElement.Parse(GuestPageFixture.PersistentXml(uuid));
        domain.Element("devices")!.Add(new XElement(
            "channel",
            new XAttribute("type", "unix"),
            new XElement("target", new XAttribute("type", "virtio"), new XAttribute("name", "org.qemu.guest_agent.0"))));
        using var defined = connection.DefineDomainXml(domain.ToString());
    }
}
