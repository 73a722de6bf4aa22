using System.Text.Json;
using System.Xml.Linq;
using Microsoft.Extensions.DependencyInjection;
using WebVirt.Contracts;
using WebVirt.Agent.LocalState;

namespace WebVirt.Agent.Tests.GuestPage;

/// <summary>The guest page's overview and raw XML through the agent's hub on the real qemu:///system.</summary>
[Trait("Category", "Qemu")]
[Collection(GuestPageCollection.Name)]
public sealed class GuestPageQemuTests(GuestPageFixture fixture)
{
    private const long MiB = 1024 * 1024;

    [Fact]
    public async Task Details_of_a_shut_off_guest_show_its_definition_disk_sizes_and_os()
    {
        string name = GuestPageFixture.Prefix + "off";
        try
        {
            string uuid = await fixture.DefineGuestAsync(name);

            GuestDetails? details = await GuestPageFixture.EventuallyAsync(
                () => Details(uuid), d => d is not null, "the guest's details");

            Assert.Equal((name, GuestState.ShutOff), (details!.Guest.Name, details.Guest.State));
            Assert.Equal(("qemu", "bios", false), (details.DomainType, details.Firmware, details.MachineType is null));
            Assert.Equal((1, 1, 256L, 256L, (int?)null), (details.Hardware.VCpus, details.Hardware.MaxVCpus, details.Hardware.MemoryMiB, details.Hardware.MaxMemoryMiB, details.Hardware.Sockets));
            GuestDiskInfo disk = Assert.Single(details.Hardware.Disks);
            Assert.Equal(("disk", "virtio", "vda", "qcow2", fixture.PoolName, name + ".qcow2", GuestPageFixture.DiskBytes), (disk.Device, disk.Bus, disk.Target, disk.Format, disk.Pool, disk.Volume, disk.CapacityBytes));
            Assert.InRange(disk.AllocationBytes!.Value, 1, GuestPageFixture.DiskBytes);
            Assert.Null(details.NextBoot);
            Assert.Empty(details.Addresses);
            Assert.Equal(["vnc"], details.Graphics);
            Assert.True(details.HasSerial);
            Assert.Equal(GuestNotes.Empty.Description, details.Notes.Description);
            Assert.Empty(details.Notes.Tags);
            Assert.Null(details.Creation);
            Assert.Equal("debian11", details.OsVariant);
            // Notes and the state's start are the console's own, kept from the agent's pushes.
            Assert.Null(details.StateSince);
            Assert.False(details.NotesUnknown);

            Assert.Null(await Details(Guid.NewGuid().ToString()));
            Assert.Null(await Details("not-a-uuid"));
            Assert.Null(await fixture.InvokeAsync<GuestXml?>(nameof(IAgentHub.GetGuestXml), "not-a-uuid"));
        }
        finally
        {
            fixture.RemoveGuest(name);
        }
    }

    [Fact]
    public async Task A_running_guest_shows_live_xml_and_pending_changes()
    {
        string name = GuestPageFixture.Prefix + "run";
        try
        {
            string uuid = await fixture.DefineGuestAsync(name);
            ActionResult started = await fixture.InvokeAsync<ActionResult>(nameof(IAgentHub.Act), uuid, GuestAction.Start);
            Assert.True(started.Ok, started.ToString());

            await GuestPageFixture.EventuallyAsync(() => Details(uuid), d => d?.Guest.State == GuestState.Running, "the guest running");

            GuestXml xml = (await fixture.InvokeAsync<GuestXml?>(nameof(IAgentHub.GetGuestXml), uuid))!;
            Assert.NotNull(xml.Live);
            Assert.NotEqual("-1", XDocument.Parse(xml.Live).Root!.Attribute("id")?.Value ?? "-1");
            Assert.Null(XDocument.Parse(xml.Persistent).Root!.Attribute("id"));
            Assert.DoesNotContain("passwd", xml.Live, StringComparison.Ordinal);

            GuestDetails running = (await Details(uuid))!;
            Assert.Equal(GuestState.Running, running.Guest.State);
            Assert.Null(running.NextBoot);

            // No NIC and no guest agent: every address source comes up empty or fails, and none of that is an error.
            Assert.Empty(running.Addresses);
            Assert.Equal(GuestPageFixture.DiskBytes, Assert.Single(running.Hardware.Disks).CapacityBytes);

            // virsh setmaxmem --config: only the next boot gets more memory.
            using (var connection = LibvirtConnection.Open(GuestPageFixture.Uri))
            {
                using var domain = connection.LookupDomainByUuid(uuid);
                domain.SetMemory(384 * 1024, DomainModificationImpact.Config, maximum: true);
            }

            GuestDetails pending = (await Details(uuid))!;
            Assert.Equal(256, pending.Hardware.MaxMemoryMiB);
            Assert.Equal(384, pending.NextBoot!.MaxMemoryMiB);
            Assert.Equal(pending.Hardware.Disks, pending.NextBoot.Disks);

            Assert.True((await fixture.InvokeAsync<ActionResult>(nameof(IAgentHub.Act), uuid, GuestAction.ForceOff)).Ok);
            await GuestPageFixture.EventuallyAsync(() => Details(uuid), d => d?.Guest.State == GuestState.ShutOff, "the guest shut off");

            Assert.Null((await fixture.InvokeAsync<GuestXml?>(nameof(IAgentHub.GetGuestXml), uuid))!.Live);
            GuestDetails off = (await Details(uuid))!;
            Assert.Equal(384, off.Hardware.MaxMemoryMiB);
            Assert.Null(off.NextBoot);
        }
        finally
        {
            fixture.RemoveGuest(name);
        }
    }

    [Fact]
    public async Task Xml_edits_are_previewed_as_a_diff_refused_with_a_reason_and_saved_only_when_libvirt_accepts_them()
    {
        string name = GuestPageFixture.Prefix + "xml";
        try
        {
            string uuid = await fixture.DefineGuestAsync(name);
            string before = GuestPageFixture.PersistentXml(uuid);

            XDocument edited = XDocument.Parse(before);
            edited.Root!.Element("uuid")!.AddAfterSelf(new XElement("description", "edited on the guest page"));
            edited.Root.Element("memory")!.ReplaceWith(new XElement("memory", new XAttribute("unit", "MiB"), 320));
            edited.Root.Element("currentMemory")?.Remove();
            GuestXmlPreview preview = await Preview(uuid, edited.ToString());
            Assert.StartsWith("--- persistent\n+++ edited\n", preview.Diff, StringComparison.Ordinal);
            Assert.Contains("\n+  <description>edited on the guest page</description>\n", preview.Diff, StringComparison.Ordinal);
            Assert.Contains("\n+  <memory unit=\"MiB\">320</memory>\n", preview.Diff, StringComparison.Ordinal);
            Assert.True(preview.Ok, preview.Error?.ToString());
            Assert.Equal(before, GuestPageFixture.PersistentXml(uuid));

            GuestXmlPreview malformed = await Preview(uuid, "<domain><name>");
            Assert.False(malformed.Ok);
            Assert.StartsWith("The XML could not be read: ", ResultText.Of(malformed.Error!), StringComparison.Ordinal);

            XDocument renamed = XDocument.Parse(before);
            renamed.Root!.Element("name")!.Value = name + "-renamed";
            GuestXmlPreview rename = await Preview(uuid, renamed.ToString());
            Assert.False(rename.Ok);
            Assert.Equal($"The XML renames the guest from “{name}” to “{name}-renamed”; a guest cannot be renamed by editing its XML.", ResultText.Of(rename.Error!));
            Assert.Contains($"+  <name>{name}-renamed</name>", rename.Diff, StringComparison.Ordinal);

            XDocument bogus = XDocument.Parse(before);
            bogus.Root!.Element("devices")!.Add(new XElement("bogus"));
            GuestXmlPreview schema = await Preview(uuid, bogus.ToString());
            if (File.Exists("/usr/bin/xmllint"))
            {
                Assert.False(schema.Ok);
                Assert.Equal(ErrorCodes.SchemaRefused, schema.Error?.ErrorCode);
                Assert.Contains("edited XML", schema.Error!.ToString(), StringComparison.Ordinal);
            }
            else
            {
                Assert.True(schema.Ok);
                Assert.Contains(schema.Error?.ErrorCode, (string[])[ErrorCodes.SchemaToolMissing, ErrorCodes.SchemaToolBroken]);
            }

            ActionResult invalid = await Save(uuid, bogus.ToString());
            Assert.False(invalid.Ok);
            Assert.Equal("VIR_ERR_XML_INVALID_SCHEMA", invalid.ErrorCode);
            // libvirt's message travels as the argument of its own error name.
            Assert.StartsWith("XML document failed to validate against schema", Assert.Single(invalid.Error!.Args), StringComparison.Ordinal);
            Assert.Equal(before, GuestPageFixture.PersistentXml(uuid));

            XDocument otherUuid = XDocument.Parse(before);
            otherUuid.Root!.Element("uuid")!.Value = Guid.NewGuid().ToString();
            ActionResult copy = await Save(uuid, otherUuid.ToString());
            Assert.Equal(ErrorCodes.InputInvalid, copy.ErrorCode);
            Assert.Contains("the UUID cannot be changed", ResultText.Of(copy), StringComparison.Ordinal);
            Assert.Single(await fixture.InvokeAsync<IReadOnlyList<GuestInfo>>(nameof(IAgentHub.GetGuests)), g => g.Name == name);
            Assert.Equal(before, GuestPageFixture.PersistentXml(uuid));

            ActionResult saved = await Save(uuid, edited.ToString());
            Assert.True(saved.Ok, saved.ToString());
            string after = GuestPageFixture.PersistentXml(uuid);
            Assert.Equal("edited on the guest page", XDocument.Parse(after).Root!.Element("description")?.Value);
            Assert.Equal(320, (await Details(uuid))!.Hardware.MaxMemoryMiB);
            Assert.Equal(after, (await fixture.InvokeAsync<GuestXml?>(nameof(IAgentHub.GetGuestXml), uuid))!.Persistent);
            Assert.Equal(string.Empty, (await Preview(uuid, after)).Diff);
            Assert.Equal(320 * 1024, (await fixture.Hub.WaitForGuestAsync(name, GuestPageFixture.Wait, g => g.MaxMemoryKiB == 320 * 1024)).MaxMemoryKiB);
        }
        finally
        {
            fixture.RemoveGuest(name);
        }
    }

    [Fact]
    public async Task The_creation_record_gives_how_the_guest_was_made_and_its_os_variant()
    {
        string name = GuestPageFixture.Prefix + "made";
        try
        {
            string uuid = await fixture.DefineGuestAsync(name);
            var createdAt = new DateTimeOffset(2026, 11, 1, 9, 30, 0, TimeSpan.Zero);
            var spec = new GuestSpecDto { Name = name, Source = GuestSourceKind.IsoVolume, SourcePath = "/pool/debian.iso", OsVariant = "debian10" };
            await fixture.Agent.Services.GetRequiredService<LocalStateStore>().AddCreationRecordAsync(
                new LocalCreationRecord
                {
                    GuestUuid = uuid,
                    GuestName = name,
                    Kind = "create",
                    SpecJson = JsonSerializer.Serialize(spec, new JsonSerializerOptions(JsonSerializerDefaults.Web)),
                    CreatedBy = "alice",
                    CreatedAt = createdAt,
                },
                CancellationToken.None);

            GuestDetails details = (await Details(uuid))!;

            Assert.Equal(new GuestCreationInfo("iso", "/pool/debian.iso", "debian10", "alice", createdAt), details.Creation);
            Assert.Equal("debian10", details.OsVariant);
        }
        finally
        {
            fixture.RemoveGuest(name);
        }
    }

    private Task<GuestDetails?> Details(string uuid) => fixture.InvokeAsync<GuestDetails?>(nameof(IAgentHub.GetGuestDetails), uuid);

    private Task<GuestXmlPreview> Preview(string uuid, string xml) => fixture.InvokeAsync<GuestXmlPreview>(nameof(IAgentHub.PreviewGuestXml), uuid, xml);

    private Task<ActionResult> Save(string uuid, string xml) => fixture.InvokeAsync<ActionResult>(nameof(IAgentHub.SaveGuestXml), uuid, xml);
}
