using System.Xml.Linq;
using WebVirt.Domain.Cloning;
using WebVirt.Domain.Definition;
using WebVirt.Domain.Guests;
using WebVirt.Domain.Tests.Support;
using WebVirt.Domain.Validation;

namespace WebVirt.Domain.Tests.CloudInit;

/// <summary>Templates from cloud images: the defaults kept in the metadata and the clone's new seed.</summary>
public sealed class CloudTemplateTests : IDisposable
{
    private const string UserData = "#cloud-config\nruncmd:\n  - [touch, /tmp/made-by-template]\n";

    private readonly FakePool _pool = new();
    private readonly HostLimits _host;

    public CloudTemplateTests() => _host = Hosts.For(_pool);

    public void Dispose() => _pool.Dispose();

    [Fact]
    public void A_cloud_guest_keeps_its_defaults_in_its_metadata_with_the_password_only_hashed()
    {
        XDocument domain = DomainXmlBuilder.Build(Build.Validated(Spec(), _host), Build.Context);
        string xml = domain.ToString();

        CloudInitDefaults defaults = WebVirtMetadata.Read(xml)!.CloudInit!;

        Assert.Equal("alice", defaults.UserName);
        Assert.StartsWith("$6$", defaults.PasswordHash, StringComparison.Ordinal);
        Assert.DoesNotContain("pa55word", xml, StringComparison.Ordinal);
        Assert.Equal([Keys.Ed25519], defaults.SshKeys);
        Assert.Equal(["htop"], defaults.Packages);
        Assert.Contains("made-by-template", defaults.UserData, StringComparison.Ordinal);
        Assert.StartsWith(CloudInitRules.CloudConfigHeader, defaults.UserData, StringComparison.Ordinal);
        Assert.DoesNotContain("192.168.122.50", xml.Split("<webvirt:cloud-init")[1], StringComparison.Ordinal);
    }

    [Fact]
    public void The_defaults_survive_marking_a_template_and_cloning_it()
    {
        XDocument domain = DomainXmlBuilder.Build(Build.Validated(Spec(), _host), Build.Context);
        string template = WebVirtMetadata.WithTemplateFlag(domain.ToString(), isTemplate: true);
        string disk = _pool.PathOf("guest1.qcow2");

        CloneResult clone = CloneXmlTransformer.Transform(template, new CloneRequest("copy", new Dictionary<string, string> { [disk] = _pool.PathOf("copy.qcow2") }, "bob", DateTimeOffset.UtcNow), _host);

        Assert.True(clone.IsValid, string.Join("\n", clone.Problems));
        Assert.Equal(WebVirtMetadata.Read(template)!.CloudInit!.PasswordHash, WebVirtMetadata.Read(clone.Xml!)!.CloudInit!.PasswordHash);
        Assert.True(CloudSeedXml.IsCloudGuest(XDocument.Parse(clone.Xml!)));
    }

    [Fact]
    public void A_clone_takes_its_own_host_name_and_keys_and_the_templates_user_and_user_data()
    {
        var problems = new List<ValidationProblem>();

        ValidatedCloudInit seed = Defaults().ForClone("web-2.example.org", [Keys.Rsa], "copy", problems)!;

        Assert.Empty(problems);
        Assert.Equal("web-2.example.org", seed.HostName);
        Assert.Equal([Keys.Rsa], seed.SshKeys);
        Assert.Equal("alice", seed.UserName);
        Assert.Null(seed.StaticNetwork);
        Assert.NotNull(seed.ExpertUserData);
        Assert.Equal("copy", Defaults().ForClone(null, null, "copy", problems)!.HostName);
        Assert.Equal([Keys.Ed25519], Defaults().ForClone(null, null, "copy", problems)!.SshKeys);
    }

    [Theory]
    [InlineData("bad_host", null, "CloudInit.HostName", ValidationKeys.CloudHostNameInvalid)]
    [InlineData(null, "ssh-ed25519 AAAA!!!! me", "CloudInit.SshKeys", ValidationKeys.CloudSshKeyMalformed)]
    [InlineData(null, "", "CloudInit.SshKeys", ValidationKeys.CloudNoLogin)]
    public void Bad_overrides_are_refused_under_their_field(string? hostName, string? key, string field, string messageKey)
    {
        var problems = new List<ValidationProblem>();
        IReadOnlyList<string>? keys = key is null ? null : CloudInitRules.SplitLines(key);

        Assert.Null((Defaults() with { PasswordHash = null }).ForClone(hostName, keys, "copy", problems));

        ValidationProblem problem = Assert.Single(problems);
        Assert.Equal(field, problem.Field);
        Assert.Equal(messageKey, problem.Key);
    }

    [Fact]
    public void The_disk_may_grow_but_never_shrink()
    {
        var problems = new List<ValidationProblem>();
        long current = 10 * SizeRules.GiB;

        Assert.Equal(current, CloudInitRules.CheckCloneDiskSize(null, current, problems));
        Assert.Equal(12 * SizeRules.GiB, CloudInitRules.CheckCloneDiskSize(12, current, problems));
        Assert.Empty(problems);
        Assert.Null(CloudInitRules.CheckCloneDiskSize(8, current, problems));

        ValidationProblem problem = Assert.Single(problems);
        Assert.Equal("DiskSizeGiB", problem.Field);
        Assert.Equal(ValidationKeys.CloneDiskSmaller, problem.Key);
        Assert.Equal([8L, 10L], problem.Args);
    }

    [Fact]
    public void The_clone_seed_replaces_a_seed_the_template_still_holds()
    {
        XDocument domain = DomainXmlBuilder.Build(Build.Validated(Spec(), _host), Build.Context);
        string newSeed = _pool.PathOf("copy-cidata.iso");

        CloudSeedXml.Attach(domain, "guest1", newSeed);

        XElement cdrom = domain.Root!.Element("devices")!.Elements("disk").Single(d => (string?)d.Attribute("device") == "cdrom");
        Assert.Equal(newSeed, (string?)cdrom.Element("source")!.Attribute("file"));
    }

    [Fact]
    public void A_template_without_its_seed_gets_a_new_seed_drive_on_virtio_scsi()
    {
        XDocument domain = DomainXmlBuilder.Build(Build.Validated(Spec(), _host), Build.Context);
        domain.Root!.Element("devices")!.Elements("disk").Single(d => (string?)d.Attribute("device") == "cdrom").Remove();
        domain.Root.Element("devices")!.Elements("controller").Where(c => (string?)c.Attribute("type") == "scsi").Remove();

        CloudSeedXml.Attach(domain, "guest1", _pool.PathOf("copy-cidata.iso"));

        XElement seed = CloudSeedXml.FindSeed(domain, "copy")!;
        Assert.Equal("scsi", (string?)seed.Element("target")!.Attribute("bus"));
        Assert.NotNull(seed.Element("readonly"));
        Assert.Contains(domain.Root.Element("devices")!.Elements("controller"), c => (string?)c.Attribute("model") == "virtio-scsi");
    }

    private static CloudInitDefaults Defaults() => new("alice", "$6$salt$hash", [Keys.Ed25519], ["htop"], UserData);

    private GuestSpec Spec()
    {
        var cloudInit = new CloudInitSpec("alice", "pa55word", [Keys.Ed25519], null)
        {
            Packages = ["htop"],
            UserData = UserData,
            Network = new CloudNetworkSpec(true, "192.168.122.50/24", "192.168.122.1", []),
        };
        return Specs.Iso(_pool) with { Source = new GuestSource.CloudImage(FakePool.Name, _pool.ImportPath, false, cloudInit) };
    }
}
