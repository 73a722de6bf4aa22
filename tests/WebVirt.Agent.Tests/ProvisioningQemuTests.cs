using System.Xml.Linq;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using WebVirt.Contracts;
using WebVirt.Agent.LocalState;
using WebVirt.Testing;

namespace WebVirt.Agent.Tests;

/// <summary>Creating, cloning and deleting TCG test guests through the agent's hub on the real qemu:///system.</summary>
[Trait("Category", "Qemu")]
[Collection(ProvisioningCollection.Name)]
public sealed partial class ProvisioningQemuTests(ProvisioningFixture fixture)
{
    private HubConnection Hub => fixture.Hub;

    [Fact]
    public async Task A_guest_from_the_test_iso_without_disk_boots_to_its_banner()
    {
        string name = ProvisioningFixture.Prefix + "iso";
        var spec = IsoSpec(name) with { StartAfterCreate = true, Description = "made by <test> & \"friends\"" };

        var task = await CreateAsync(spec);

        Assert.Equal(AgentTaskState.Succeeded, task.State);
        Assert.NotNull(task.TargetUuid);
        using var connection = LibvirtConnection.Open(ProvisioningFixture.Uri);
        using var domain = connection.LookupDomainByName(name);
        Assert.True(domain.IsActive());
        XElement root = XDocument.Parse(domain.GetXmlDesc()).Root!;
        Assert.Equal("qemu", (string?)root.Attribute("type"));
        Assert.Equal("made by <test> & \"friends\"", (string?)root.Element("description"));
        Assert.Empty(root.Element("devices")!.Elements("interface"));
        Assert.Contains(
            root.Element("devices")!.Elements("disk"),
            d => (string?)d.Attribute("device") == "cdrom" && (string?)d.Element("source")?.Attribute("file") == fixture.IsoPath);
        Assert.Equal("test-user", (string?)root.Element("metadata")!.Elements().Single().Element(XName.Get("created", "https://webvirt.dev/xmlns/guest/1.0"))!.Attribute("by"));

        await GuestConsole.WaitForBannerAsync(domain);

        var records = await fixture.Agent.Services.GetRequiredService<LocalStateStore>().CreationRecordsAsync(task.TargetUuid!, CancellationToken.None);
        var record = Assert.Single(records);
        Assert.Equal("test-user", record.CreatedBy);
        Assert.Equal("create", record.Kind);
        Assert.Contains(name, record.SpecJson, StringComparison.Ordinal);
        Assert.Contains(task.Log, l => l.Text.Code == ErrorCodes.TaskStarted);
    }

    [Fact]
    public async Task An_imported_disk_boots_and_its_clone_boots_alongside_with_a_new_uuid_and_mac()
    {
        string name = ProvisioningFixture.Prefix + "import";
        string clone = ProvisioningFixture.Prefix + "clone";
        string disk = await fixture.AddToPoolAsync(TestGuestImages.Disk, name + "-disk.qcow2");
        var spec = IsoSpec(name) with
        {
            Source = GuestSourceKind.ImportDisk,
            SourcePool = null,
            SourcePath = disk,
            Network = GuestNetworkKind.LibvirtNetwork,
            NetworkName = fixture.IsolatedNetwork,
        };

        var created = await CreateAsync(spec);
        Assert.Equal(AgentTaskState.Succeeded, created.State);
        string uuid = created.TargetUuid!;

        // A template cannot be started; unmarked, it can be cloned like any shut-off guest.
        var marked = await Hub.InvokeAsync<ActionResult>(nameof(IAgentHub.SetTemplate), uuid, true, "test-user");
        Assert.True(marked.Ok, marked.ToString());
        var refused = await Hub.ActAsync(uuid, GuestAction.Start);
        Assert.False(refused.Ok);
        Assert.Equal(ErrorCodes.GuestIsTemplate, refused.ErrorCode);
        Assert.Equal(HintKeys.TemplateNotStartable, refused.HintKey);
        Assert.True(await IsTemplateRowAsync(uuid));
        var unmarked = await Hub.InvokeAsync<ActionResult>(nameof(IAgentHub.SetTemplate), uuid, false, "test-user");
        Assert.True(unmarked.Ok, unmarked.ToString());
        Assert.False(await IsTemplateRowAsync(uuid));

        var cloned = await fixture.RunTaskAsync(await Hub.InvokeAsync<ProvisioningResult>(
            nameof(IAgentHub.CloneGuest), new CloneGuestRequest(uuid, clone, StartAfterClone: false, "test-user")));
        Assert.Equal(AgentTaskState.Succeeded, cloned.State);
        Assert.Contains(clone + ".qcow2", fixture.PoolVolumeNames());

        Assert.True((await Hub.ActAsync(uuid, GuestAction.Start)).Ok);
        Assert.True((await Hub.ActAsync(cloned.TargetUuid!, GuestAction.Start)).Ok);

        using var connection = LibvirtConnection.Open(ProvisioningFixture.Uri);
        using var original = connection.LookupDomainByName(name);
        using var copy = connection.LookupDomainByName(clone);
        Assert.True(original.IsActive() && copy.IsActive());
        Assert.NotEqual(original.Uuid, copy.Uuid);
        Assert.NotEqual(Mac(original), Mac(copy));
        Assert.Equal(disk, DiskFile(original));
        Assert.Equal(Path.Combine(fixture.PoolPath, clone + ".qcow2"), DiskFile(copy));
        await Task.WhenAll(GuestConsole.WaitForBannerAsync(original), GuestConsole.WaitForBannerAsync(copy));
    }

    [Fact]
    public async Task A_linked_clone_boots_from_an_overlay_and_keeps_its_base_when_the_source_is_deleted()
    {
        string name = ProvisioningFixture.Prefix + "linkbase";
        string clone = ProvisioningFixture.Prefix + "linked";
        string disk = await fixture.AddToPoolAsync(TestGuestImages.Disk, name + "-disk.qcow2");
        var created = await CreateAsync(IsoSpec(name) with { Source = GuestSourceKind.ImportDisk, SourcePool = null, SourcePath = disk });
        Assert.Equal(AgentTaskState.Succeeded, created.State);

        var cloned = await fixture.RunTaskAsync(await Hub.InvokeAsync<ProvisioningResult>(
            nameof(IAgentHub.CloneGuest), new CloneGuestRequest(created.TargetUuid!, clone, StartAfterClone: true, "test-user", Linked: true)));

        Assert.True(cloned.State == AgentTaskState.Succeeded, string.Join(" | ", cloned.Log));
        string overlay = Path.Combine(fixture.PoolPath, clone + ".qcow2");
        using (var connection = LibvirtConnection.Open(ProvisioningFixture.Uri))
        using (var volume = connection.LookupStorageVolumeByPath(overlay))
        using (var copy = connection.LookupDomainByName(clone))
        {
            XElement backing = XDocument.Parse(volume.GetXmlDesc()).Root!.Element("backingStore")!;
            Assert.Equal(disk, backing.Element("path")!.Value);
            Assert.True(volume.GetInfo().AllocationBytes < (ulong)new FileInfo(disk).Length, "the overlay holds only what the clone wrote");
            Assert.Equal(overlay, DiskFile(copy));
            await GuestConsole.WaitForBannerAsync(copy);
        }

        // The source's disk is the clone's base: removing it with its volume is refused naming the clone,
        // and a delete with disks keeps it and names the clone.
        string target;
        using (var connection = LibvirtConnection.Open(ProvisioningFixture.Uri))
        using (var source = connection.LookupDomainByName(name))
        {
            target = (string)XDocument.Parse(source.GetXmlDesc()).Root!.Element("devices")!.Elements("disk")
                .Single(d => (string?)d.Attribute("device") == "disk").Element("target")!.Attribute("dev")!;
        }

        var removal = await Hub.InvokeAsync<ActionResult>(nameof(IAgentHub.RemoveGuestDisk), created.TargetUuid!, target, true);
        Assert.False(removal.Ok);
        Assert.Contains(clone, removal.ToString(), StringComparison.Ordinal);
        Assert.True(File.Exists(disk));
        var plan = await Hub.InvokeAsync<DeletePlan>(nameof(IAgentHub.GetDeletePlan), created.TargetUuid!);
        Assert.Contains(clone, Assert.Single(plan.Disks, d => d.Path == disk).UsedBy);
        var deleted = await fixture.RunTaskAsync(await Hub.InvokeAsync<ProvisioningResult>(
            nameof(IAgentHub.DeleteGuest), new DeleteGuestRequest(created.TargetUuid!, name, true, "test-user")));
        Assert.Equal(AgentTaskState.Succeeded, deleted.State);
        Assert.False(ProvisioningFixture.DomainExists(name));
        Assert.True(File.Exists(disk));
    }

    [Fact]
    public async Task A_linked_clone_of_a_raw_disk_is_refused_and_nothing_is_made()
    {
        string name = ProvisioningFixture.Prefix + "rawbase";
        string clone = ProvisioningFixture.Prefix + "rawlinked";
        using (var connection = LibvirtConnection.Open(ProvisioningFixture.Uri))
        using (var pool = connection.LookupStoragePoolByName(fixture.PoolName))
        using (pool.CreateVolumeXml($"<volume><name>{name}.img</name><capacity unit='bytes'>1048576</capacity><target><format type='raw'/></target></volume>"))
        {
        }

        var created = await CreateAsync(IsoSpec(name) with { Source = GuestSourceKind.ImportDisk, SourcePool = null, SourcePath = Path.Combine(fixture.PoolPath, name + ".img") });
        Assert.Equal(AgentTaskState.Succeeded, created.State);

        var refused = await Hub.InvokeAsync<ProvisioningResult>(
            nameof(IAgentHub.CloneGuest), new CloneGuestRequest(created.TargetUuid!, clone, StartAfterClone: false, "test-user", Linked: true));

        Assert.False(refused.Ok);
        Assert.Equal("Clone.LinkedNeedsQcow2", Assert.Single(refused.Problems).Key);
        Assert.False(ProvisioningFixture.DomainExists(clone));
        Assert.DoesNotContain(clone + ".qcow2", fixture.PoolVolumeNames());
    }

    [Fact]
    public async Task A_create_failing_at_its_last_step_leaves_no_volume_and_no_domain()
    {
        string name = ProvisioningFixture.Prefix + "fails";
        var before = fixture.PoolVolumeNames();

        // The network exists (validation passes, the guest defines) but is not active, so start fails.
        var spec = IsoSpec(name) with
        {
            Disk = GuestDiskKind.NewVolume,
            DiskPool = fixture.PoolName,
            DiskSizeGiB = 1,
            Network = GuestNetworkKind.LibvirtNetwork,
            NetworkName = fixture.InactiveNetwork,
            StartAfterCreate = true,
        };

        var task = await CreateAsync(spec);

        Assert.Equal(AgentTaskState.Failed, task.State);
        Assert.Equal(ErrorCodes.TaskFailedStart, task.Error!.Code);
        Assert.StartsWith(ErrorCodes.LibvirtPrefix, task.Error.Cause!.Code, StringComparison.Ordinal);
        Assert.Contains(task.Log, l => l.Text.Code == ErrorCodes.TaskVolumeCreated && l.Text.Args[0].EndsWith($"{name}.qcow2", StringComparison.Ordinal));
        Assert.Contains(task.Log, l => l.Text.Code == ErrorCodes.TaskRolledBackVolume);
        Assert.Contains(task.Log, l => l.Text.Code == ErrorCodes.TaskVolumeCreatingThin && TaskArguments.TryBytes(l.Text.Args[1]) == 1L << 30);
        // The row keeps the code, its arguments and the cause as one JSON object; no words of ours.
        using var stored = System.Text.Json.JsonDocument.Parse(await fixture.StoredErrorAsync(task.TaskId) ?? "null");
        Assert.Equal(ErrorCodes.TaskFailedStart, stored.RootElement.GetProperty("code").GetString());
        Assert.Equal(task.Error.Cause.Code, stored.RootElement.GetProperty("cause").GetProperty("code").GetString());
        Assert.False(ProvisioningFixture.DomainExists(name));
        Assert.Equal(before.Order(), fixture.PoolVolumeNames().Order());
    }

    [Fact]
    public async Task Deleting_a_running_guest_with_its_disks_forces_it_off_and_removes_its_volume()
    {
        string name = ProvisioningFixture.Prefix + "delete";
        var created = await CreateAsync(IsoSpec(name) with
        {
            Disk = GuestDiskKind.NewVolume,
            DiskPool = fixture.PoolName,
            DiskSizeGiB = 1,
            StartAfterCreate = true,
        });
        Assert.Equal(AgentTaskState.Succeeded, created.State);
        Assert.Contains(name + ".qcow2", fixture.PoolVolumeNames());

        var plan = await Hub.InvokeAsync<DeletePlan>(nameof(IAgentHub.GetDeletePlan), created.TargetUuid!);
        Assert.True(plan.Running);
        var volume = Assert.Single(plan.Disks);
        Assert.Equal(Path.Combine(fixture.PoolPath, name + ".qcow2"), volume.Path);
        Assert.Empty(volume.UsedBy);

        var wrongName = await Hub.InvokeAsync<ProvisioningResult>(nameof(IAgentHub.DeleteGuest), new DeleteGuestRequest(created.TargetUuid!, name + "x", true, "test-user"));
        Assert.Equal(ErrorCodes.GuestConfirmMismatch, wrongName.ErrorCode);
        Assert.True(ProvisioningFixture.DomainExists(name));

        var deleted = await fixture.RunTaskAsync(await Hub.InvokeAsync<ProvisioningResult>(nameof(IAgentHub.DeleteGuest), new DeleteGuestRequest(created.TargetUuid!, name, true, "test-user")));

        Assert.Equal(AgentTaskState.Succeeded, deleted.State);
        Assert.Contains(deleted.Log, l => l.Text.Code == ErrorCodes.TaskForcedOff);
        Assert.False(ProvisioningFixture.DomainExists(name));
        Assert.DoesNotContain(name + ".qcow2", fixture.PoolVolumeNames());
    }

    public static TheoryData<string, string, string> BadInputs => new()
    {
        { "duplicate name", "Name", "Name.Duplicate" },
        { "too much memory", "MemoryMiB", "Memory.TooLarge" },
        { "too many vCPUs", "VCpus", "VCpus.OutOfRange" },
        { "disk larger than the pool's free space", "Disk.SizeGiB", "Disk.ExceedsPoolFree" },
        { "bad URL scheme", "Source.Url", "Url.SchemeNotAllowed" },
        { "ISO outside the pools", "Source.VolumePath", "Path.OutsidePool" },
        { "malformed MAC", "Nic", "Mac.Malformed" },
        { "XML metacharacters in the name", "Name", "Name.Invalid" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task Bad_input_is_refused_with_its_field_and_nothing_is_created(string @case, string field, string key)
    {
        string name = ProvisioningFixture.Prefix + "bad";
        var host = await Hub.InvokeAsync<HostLimitsDto>(nameof(IAgentHub.GetHostLimits));
        var pool = (await Hub.InvokeAsync<IReadOnlyList<StoragePoolDto>>(nameof(IAgentHub.ListPoolsForWizard))).Single(p => p.Name == fixture.PoolName);
        var spec = IsoSpec(name);
        spec = @case switch
        {
            "duplicate name" => spec with { Name = await ExistingGuestNameAsync() },
            "too much memory" => spec with { MemoryMiB = host.HostMemoryMiB + 1 },
            "too many vCPUs" => spec with { VCpus = host.HostCpus + 1 },
            "disk larger than the pool's free space" => spec with { Disk = GuestDiskKind.NewVolume, DiskPool = fixture.PoolName, DiskSizeGiB = (pool.AvailableBytes >> 30) + 1 },
            "bad URL scheme" => spec with { Source = GuestSourceKind.NetworkInstall, InstallUrl = "file:///etc/passwd" },
            "ISO outside the pools" => spec with { SourcePath = "/etc/passwd" },
            "malformed MAC" => spec with { Network = GuestNetworkKind.LibvirtNetwork, NetworkName = fixture.InactiveNetwork, Mac = "52:54:00:zz:00:01" },
            "XML metacharacters in the name" => spec with { Name = name + "<x/>&'\"" },
            _ => throw new ArgumentOutOfRangeException(nameof(@case)),
        };
        var volumes = fixture.PoolVolumeNames();
        var tasksBefore = (await Hub.InvokeAsync<IReadOnlyList<AgentTaskInfo>>(nameof(IAgentHub.GetTasks))).Count;

        var result = await Hub.InvokeAsync<ProvisioningResult>(nameof(IAgentHub.CreateGuest), spec);
        var preview = await Hub.InvokeAsync<GuestPreview>(nameof(IAgentHub.PreviewGuest), spec);

        Assert.False(result.Ok);
        Assert.Null(result.TaskId);
        Assert.True(result.Problems.Count > 0, $"refused without problems: {result.ErrorCode} {result.ToString()}");
        var problem = Assert.Single(result.Problems, p => p.Key == key);
        Assert.StartsWith(field, problem.Field, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(problem.Key));
        Assert.Null(preview.Xml);
        Assert.Contains(preview.Problems, p => p.Key == key);
        Assert.False(ProvisioningFixture.DomainExists(name));
        Assert.Equal(volumes.Order(), fixture.PoolVolumeNames().Order());
        Assert.Equal(tasksBefore, (await Hub.InvokeAsync<IReadOnlyList<AgentTaskInfo>>(nameof(IAgentHub.GetTasks))).Count);
    }

    [Fact]
    public async Task The_preview_shows_the_xml_a_create_would_define_and_creates_nothing()
    {
        string name = ProvisioningFixture.Prefix + "preview";

        var preview = await Hub.InvokeAsync<GuestPreview>(nameof(IAgentHub.PreviewGuest), IsoSpec(name) with { OsVariant = "debian11", MemoryMiB = 128 });

        Assert.Empty(preview.Problems);
        XElement root = XDocument.Parse(preview.Xml!).Root!;
        Assert.Equal(name, (string?)root.Element("name"));
        Assert.Equal("qemu", (string?)root.Attribute("type"));
        Assert.Contains(preview.Warnings, w => w.Key == "OsMinimum.Memory" && w.Field == "MemoryMiB");
        Assert.False(ProvisioningFixture.DomainExists(name));

        var variants = await Hub.InvokeAsync<IReadOnlyList<OsVariantDto>>(nameof(IAgentHub.SearchOsVariants), "debian", 20);
        Assert.Contains(variants, v => v.ShortId == "debian11" && v.RecommendedMemoryMiB > 0);
        var volumes = await Hub.InvokeAsync<IReadOnlyList<StorageVolumeDto>>(nameof(IAgentHub.ListVolumesForWizard), fixture.PoolName);
        Assert.Contains(volumes, v => v.Path == fixture.IsoPath);
        var networks = await Hub.InvokeAsync<IReadOnlyList<NetworkDto>>(nameof(IAgentHub.ListNetworksForWizard));
        Assert.Contains(networks, n => n.Name == fixture.InactiveNetwork && !n.Active);
    }

    private GuestSpecDto IsoSpec(string name) => new()
    {
        Name = name,
        Source = GuestSourceKind.IsoVolume,
        SourcePool = fixture.PoolName,
        SourcePath = fixture.IsoPath,
        VCpus = 1,
        MemoryMiB = 256,
        Disk = GuestDiskKind.None,
        Network = GuestNetworkKind.None,
        RequestedBy = "test-user",
    };

    private async Task<string> ExistingGuestNameAsync()
    {
        string name = ProvisioningFixture.Prefix + "existing";
        if (!ProvisioningFixture.DomainExists(name))
        {
            Assert.Equal(AgentTaskState.Succeeded, (await CreateAsync(IsoSpec(name))).State);
        }

        return name;
    }

    private async Task<AgentTaskInfo> CreateAsync(GuestSpecDto spec) =>
        await fixture.RunTaskAsync(await Hub.InvokeAsync<ProvisioningResult>(nameof(IAgentHub.CreateGuest), spec));

    /// <summary>The template flag as the inventory pushes it to consoles.</summary>
    private async Task<bool> IsTemplateRowAsync(string uuid) =>
        (await Hub.InvokeAsync<IReadOnlyList<GuestInfo>>(nameof(IAgentHub.GetGuests))).Single(g => g.Uuid == uuid).IsTemplate;

    private static string? Mac(LibvirtDomain domain) =>
        (string?)XDocument.Parse(domain.GetXmlDesc()).Root!.Element("devices")!.Element("interface")?.Element("mac")?.Attribute("address");

    private static string? DiskFile(LibvirtDomain domain) =>
        (string?)XDocument.Parse(domain.GetXmlDesc()).Root!.Element("devices")!.Elements("disk")
            .Single(d => (string?)d.Attribute("device") == "disk").Element("source")?.Attribute("file");
}
