using System.Xml.Linq;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using WebVirt.Contracts;
using WebVirt.Agent.LocalState;
using WebVirt.Domain.Validation;
using WebVirt.Testing;

namespace WebVirt.Agent.Tests;

/// <summary>
/// Guests from a cloud image: the test guest's qcow2 stands in for the image (it boots by itself),
/// and the test system prints the cidata seed it finds on its serial console.
/// </summary>
public sealed partial class ProvisioningQemuTests
{
    private const string Key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJmF3Q4dHOs3TPVGPJEj+Egt9R0xgOnxGGrD54sUSYTp alice@example";
    private const string Password = "Plain-Pw-never-seen-7";

    [Fact]
    public async Task A_cloud_image_guest_boots_with_its_seed_which_goes_after_the_first_boot()
    {
        string name = ProvisioningFixture.Prefix + "cloud";
        string image = await fixture.AddToPoolAsync(TestGuestImages.Disk, name + "-image.qcow2");
        var spec = CloudSpec(name, image) with { CloudImageLinked = true, StartAfterCreate = true, Network = GuestNetworkKind.LibvirtNetwork, NetworkName = fixture.IsolatedNetwork };
        spec = spec with { CloudInit = spec.CloudInit! with { StaticNetwork = true, Address = "10.20.30.40/24", Gateway = "10.20.30.1", DnsServers = ["10.20.30.53"] } };

        var task = await CreateAsync(spec);

        Assert.True(task.State == AgentTaskState.Succeeded, string.Join("\n", task.Log.Select(l => l.Text.ToString())));
        using var connection = LibvirtConnection.Open(ProvisioningFixture.Uri);
        using var domain = connection.LookupDomainByName(name);
        XElement devices = XDocument.Parse(domain.GetXmlDesc()).Root!.Element("devices")!;
        string mac = (string)devices.Element("interface")!.Element("mac")!.Attribute("address")!;
        XElement disk = devices.Elements("disk").Single(d => (string?)d.Attribute("device") == "disk");
        Assert.Equal(image, (string?)disk.Element("backingStore")?.Element("source")?.Attribute("file"));
        using (var volume = connection.LookupStorageVolumeByPath(Path.Combine(fixture.PoolPath, name + ".qcow2")))
        {
            Assert.Equal(1UL << 30, volume.GetInfo().CapacityBytes);
        }

        string console = await CloudSeedConsole.ReadAsync(domain, GuestConsole.BootWait);
        Assert.Contains("CIDATA meta-data:", console, StringComparison.Ordinal);
        Assert.Contains("instance-id: " + domain.Uuid, console, StringComparison.Ordinal);
        Assert.Contains("local-hostname: web-7", console, StringComparison.Ordinal);
        Assert.Contains("CIDATA user-data:", console, StringComparison.Ordinal);
        Assert.Contains("- name: alice", console, StringComparison.Ordinal);
        Assert.Contains(Key, console, StringComparison.Ordinal);
        Assert.Contains("hostname: web-7", console, StringComparison.Ordinal);
        Assert.Matches(@"passwd: \$6\$[./0-9A-Za-z]{16}\$", console);
        Assert.DoesNotContain(Password, console, StringComparison.Ordinal);
        Assert.Contains("CIDATA network-config:", console, StringComparison.Ordinal);
        Assert.Contains($"macaddress: \"{mac}\"", console, StringComparison.Ordinal);

        // The first boot is confirmed: the seed has left the persistent definition, and goes with the first run's end.
        string seed = Path.Combine(fixture.PoolPath, name + "-cidata.iso");
        await WaitUntilAsync(() => !domain.GetXmlDesc(inactive: true).Contains(seed, StringComparison.Ordinal), "the seed to leave the persistent definition");
        Assert.Contains(name + "-cidata.iso", fixture.PoolVolumeNames());
        domain.Destroy();
        await WaitUntilAsync(() => !fixture.PoolVolumeNames().Contains(name + "-cidata.iso"), "the seed volume to be deleted");
        Assert.Contains(name + "-image.qcow2", fixture.PoolVolumeNames());

        var records = await fixture.Agent.Services.GetRequiredService<LocalStateStore>().CreationRecordsAsync(domain.Uuid, CancellationToken.None);
        Assert.Contains("alice", Assert.Single(records).SpecJson, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, records[0].SpecJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_copied_cloud_image_gets_its_own_grown_disk_and_its_seed_until_started()
    {
        string name = ProvisioningFixture.Prefix + "cloudcopy";
        string image = await fixture.AddToPoolAsync(TestGuestImages.Disk, name + "-image.qcow2");

        var task = await CreateAsync(CloudSpec(name, image) with { DiskSizeGiB = 2 });

        Assert.Equal(AgentTaskState.Succeeded, task.State);
        using var connection = LibvirtConnection.Open(ProvisioningFixture.Uri);
        using var domain = connection.LookupDomainByName(name);
        XElement devices = XDocument.Parse(domain.GetXmlDesc(inactive: true)).Root!.Element("devices")!;
        XElement disk = devices.Elements("disk").Single(d => (string?)d.Attribute("device") == "disk");
        Assert.Null(disk.Element("backingStore")?.Element("source"));
        using (var volume = connection.LookupStorageVolumeByPath(Path.Combine(fixture.PoolPath, name + ".qcow2")))
        {
            Assert.Equal(2UL << 30, volume.GetInfo().CapacityBytes);
        }

        XElement cdrom = devices.Elements("disk").Single(d => (string?)d.Attribute("device") == "cdrom");
        Assert.Equal("scsi", (string?)cdrom.Element("target")!.Attribute("bus"));
        Assert.Equal(Path.Combine(fixture.PoolPath, name + "-cidata.iso"), (string?)cdrom.Element("source")!.Attribute("file"));

        // Never started: the seed stays for the first boot to come, until asked to go.
        await Task.Delay(TimeSpan.FromSeconds(7));
        Assert.Contains(name + "-cidata.iso", fixture.PoolVolumeNames());
        var removed = await Hub.InvokeAsync<ActionResult>(nameof(IAgentHub.RemoveCloudSeed), domain.Uuid, "test-user");
        Assert.True(removed.Ok, removed.ToString());
        Assert.DoesNotContain(name + "-cidata.iso", fixture.PoolVolumeNames());
        Assert.DoesNotContain("cidata", domain.GetXmlDesc(inactive: true), StringComparison.Ordinal);
        var again = await Hub.InvokeAsync<ActionResult>(nameof(IAgentHub.RemoveCloudSeed), domain.Uuid, "test-user");
        Assert.Equal(ErrorCodes.CloudSeedNone, again.ErrorCode);
    }

    [Theory]
    [InlineData("key", "CloudInit.SshKeys", ValidationKeys.CloudSshKeyMalformed)]
    [InlineData("yaml", "CloudInit.UserData", ValidationKeys.CloudUserDataYaml)]
    [InlineData("host", "CloudInit.HostName", ValidationKeys.CloudHostNameInvalid)]
    [InlineData("iso", "Source.VolumePath", ValidationKeys.CloudImageIsIso)]
    public async Task Bad_cloud_init_input_is_refused_and_nothing_is_created(string @case, string field, string key)
    {
        string name = ProvisioningFixture.Prefix + "cloudbad-" + @case;
        string image = await fixture.AddToPoolAsync(TestGuestImages.Disk, name + "-image.qcow2");
        var spec = CloudSpec(name, image);
        spec = @case switch
        {
            "key" => spec with { CloudInit = spec.CloudInit! with { SshKeys = ["ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJmF3Q4dHOs3 broken"] } },
            "yaml" => spec with { CloudInit = spec.CloudInit! with { UserData = "#cloud-config\nruncmd:\n  - [echo, hi\n" } },
            "host" => spec with { CloudInit = spec.CloudInit! with { HostName = "under_score" } },
            _ => spec with { SourcePath = fixture.IsoPath },
        };

        var result = await Hub.InvokeAsync<ProvisioningResult>(nameof(IAgentHub.CreateGuest), spec);

        Assert.False(result.Ok);
        Assert.Null(result.TaskId);
        Assert.Contains(result.Problems, p => p.Field == field && p.Key == key);
        Assert.False(ProvisioningFixture.DomainExists(name));
        Assert.DoesNotContain(fixture.PoolVolumeNames(), v => v == name + ".qcow2" || v == name + "-cidata.iso");
    }

    private GuestSpecDto CloudSpec(string name, string image) => IsoSpec(name) with
    {
        Source = GuestSourceKind.CloudImage,
        SourcePath = image,
        Disk = GuestDiskKind.NewVolume,
        DiskPool = fixture.PoolName,
        DiskSizeGiB = 1,
        CloudInit = new CloudInitDto { UserName = "alice", Password = Password, SshKeys = [Key], HostName = "web-7" },
    };

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}");
            await Task.Delay(500);
        }
    }
}
