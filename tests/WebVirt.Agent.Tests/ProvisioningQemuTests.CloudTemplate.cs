using System.Xml.Linq;
using Microsoft.AspNetCore.SignalR.Client;
using WebVirt.Contracts;
using WebVirt.Domain.Validation;
using WebVirt.Testing;

namespace WebVirt.Agent.Tests;

/// <summary>
/// Templates from cloud images: a clone of a cloud template gets a seed of its own (its host name,
/// keys and UUID) in place of the template's, and a grown disk; bad keys and a shrinking disk are
/// refused with nothing made.
/// </summary>
public sealed partial class ProvisioningQemuTests
{
    private const string CloneKey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDveO6iUht4ncnfo5aBsRS2K+Pa32uwq+NXJj2A2xT1R bob@clone";

    [Fact]
    public async Task A_clone_of_a_cloud_template_boots_with_its_own_seed_and_a_grown_disk()
    {
        string template = ProvisioningFixture.Prefix + "cloudtpl";
        string clone = ProvisioningFixture.Prefix + "cloudtpl-copy";
        string image = await fixture.AddToPoolAsync(TestGuestImages.Disk, template + "-image.qcow2");
        var created = await CreateAsync(CloudSpec(template, image) with { DiskSizeGiB = 2 });
        Assert.Equal(AgentTaskState.Succeeded, created.State);
        var marked = await Hub.InvokeAsync<ActionResult>(nameof(IAgentHub.SetTemplate), created.TargetUuid!, true, "test-user");
        Assert.True(marked.Ok, marked.ToString());

        var info = await Hub.InvokeAsync<CloudTemplateInfo>(nameof(IAgentHub.GetCloudTemplateInfo), created.TargetUuid!);
        Assert.True(info.HasDefaults);
        Assert.Equal("alice", info.UserName);
        Assert.Equal([Key], info.SshKeys);
        Assert.Equal(2, info.DiskSizeGiB);

        var request = new CloneGuestRequest(created.TargetUuid!, clone, StartAfterClone: true, "test-user")
        {
            CloudInit = new CloneCloudInit("clone-host-9", [CloneKey]),
            DiskSizeGiB = 3,
        };
        var cloned = await fixture.RunTaskAsync(await Hub.InvokeAsync<ProvisioningResult>(nameof(IAgentHub.CloneGuest), request));

        Assert.True(cloned.State == AgentTaskState.Succeeded, string.Join(" | ", cloned.Log));
        using var connection = LibvirtConnection.Open(ProvisioningFixture.Uri);
        using var copy = connection.LookupDomainByName(clone);
        using (var volume = connection.LookupStorageVolumeByPath(Path.Combine(fixture.PoolPath, clone + ".qcow2")))
        {
            Assert.Equal(3UL << 30, volume.GetInfo().CapacityBytes);
        }

        string cloneSeed = Path.Combine(fixture.PoolPath, clone + "-cidata.iso");
        XElement cdrom = XDocument.Parse(copy.GetXmlDesc()).Root!.Element("devices")!.Elements("disk").Single(d => (string?)d.Attribute("device") == "cdrom");
        Assert.Equal(cloneSeed, (string?)cdrom.Element("source")!.Attribute("file"));

        string console = await CloudSeedConsole.ReadAsync(copy, GuestConsole.BootWait);
        Assert.Contains("instance-id: " + copy.Uuid, console, StringComparison.Ordinal);
        Assert.Contains("local-hostname: clone-host-9", console, StringComparison.Ordinal);
        Assert.Contains("- name: alice", console, StringComparison.Ordinal);
        Assert.Contains(CloneKey, console, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, console, StringComparison.Ordinal);
        Assert.DoesNotContain("web-7", console, StringComparison.Ordinal);
        Assert.DoesNotContain(created.TargetUuid!, console, StringComparison.Ordinal);
        Assert.Matches(@"passwd: \$6\$[./0-9A-Za-z]{16}\$", console);

        // The template keeps its own seed for its own first boot; the clone's goes after its first run.
        using (var source = connection.LookupDomainByName(template))
        {
            Assert.Contains(template + "-cidata.iso", source.GetXmlDesc(inactive: true), StringComparison.Ordinal);
        }

        await WaitUntilAsync(() => !copy.GetXmlDesc(inactive: true).Contains(cloneSeed, StringComparison.Ordinal), "the clone's seed to leave its definition");
        copy.Destroy();
        await WaitUntilAsync(() => !fixture.PoolVolumeNames().Contains(clone + "-cidata.iso"), "the clone's seed volume to be deleted");
        Assert.Contains(template + "-cidata.iso", fixture.PoolVolumeNames());
        Assert.Contains("<webvirt:cloud-init", copy.GetXmlDesc(inactive: true), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("key", "CloudInit.SshKeys", ValidationKeys.CloudSshKeyMalformed)]
    [InlineData("host", "CloudInit.HostName", ValidationKeys.CloudHostNameInvalid)]
    [InlineData("smaller", "DiskSizeGiB", ValidationKeys.CloneDiskSmaller)]
    [InlineData("plain", "CloudInit", ValidationKeys.CloneNoCloudDefaults)]
    public async Task Bad_cloud_clone_settings_are_refused_and_nothing_is_created(string @case, string field, string key)
    {
        string template = ProvisioningFixture.Prefix + "cloudtplbad-" + @case;
        string clone = template + "-copy";
        string image = await fixture.AddToPoolAsync(TestGuestImages.Disk, template + "-image.qcow2");
        var spec = @case == "plain"
            ? IsoSpec(template) with { Source = GuestSourceKind.ImportDisk, SourcePool = null, SourcePath = image }
            : CloudSpec(template, image) with { DiskSizeGiB = 2 };
        var created = await CreateAsync(spec);
        Assert.Equal(AgentTaskState.Succeeded, created.State);
        var request = new CloneGuestRequest(created.TargetUuid!, clone, StartAfterClone: false, "test-user");
        request = @case switch
        {
            "key" => request with { CloudInit = new CloneCloudInit(null, ["ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJmF3Q4dHOs3 broken"]) },
            "host" => request with { CloudInit = new CloneCloudInit("under_score", null) },
            "smaller" => request with { DiskSizeGiB = 1 },
            _ => request with { CloudInit = new CloneCloudInit("plain-host", null) },
        };

        var result = await Hub.InvokeAsync<ProvisioningResult>(nameof(IAgentHub.CloneGuest), request);

        Assert.False(result.Ok);
        Assert.Null(result.TaskId);
        Assert.Contains(result.Problems, p => p.Field == field && p.Key == key);
        Assert.False(ProvisioningFixture.DomainExists(clone));
        Assert.DoesNotContain(fixture.PoolVolumeNames(), v => v.StartsWith(clone, StringComparison.Ordinal));
    }
}
