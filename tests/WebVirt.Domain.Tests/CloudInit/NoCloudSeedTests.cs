using System.Text;
using WebVirt.Domain.CloudInit;
using WebVirt.Domain.Definition;
using WebVirt.Domain.Guests;
using WebVirt.Domain.Validation;
using YamlDotNet.RepresentationModel;

namespace WebVirt.Domain.Tests.CloudInit;

public sealed class NoCloudSeedTests
{
    private static readonly Guid Uuid = Guid.Parse("0b5a3c0e-8e2f-4a51-9d0c-7f9e2b6c1a11");
    private static readonly DateTimeOffset Created = new(2026, 12, 4, 21, 0, 0, TimeSpan.Zero);

    [Fact]
    public void User_data_holds_user_keys_host_and_packages_and_only_the_password_hash()
    {
        string userData = Text(Files(Valid(new CloudInitSpec("alice", "Secret-Pw-42", [Keys.Ed25519], "web-1") { Packages = ["htop"] })), NoCloudSeed.UserData);

        Assert.StartsWith("#cloud-config\n", userData, StringComparison.Ordinal);
        YamlMappingNode root = Parse(userData);
        Assert.Equal("web-1", root["hostname"].ToString());
        var user = (YamlMappingNode)((YamlSequenceNode)root["users"]).Children.Single();
        Assert.Equal("alice", user["name"].ToString());
        Assert.Matches(@"^\$6\$[./0-9A-Za-z]{16}\$", user["passwd"].ToString());
        Assert.Equal(Keys.Ed25519, ((YamlSequenceNode)user["ssh_authorized_keys"]).Children.Single().ToString());
        Assert.Equal("htop", ((YamlSequenceNode)root["packages"]).Children.Single().ToString());
        Assert.DoesNotContain("Secret-Pw-42", userData, StringComparison.Ordinal);
    }

    [Fact]
    public void Meta_data_names_the_guest_uuid_and_host_name()
    {
        YamlMappingNode meta = Parse(Text(Files(Valid(new CloudInitSpec("alice", null, [Keys.Rsa], null))), NoCloudSeed.MetaData));

        Assert.Equal(Uuid.ToString(), meta["instance-id"].ToString());
        Assert.Equal("guest1", meta["local-hostname"].ToString());
    }

    [Fact]
    public void Dhcp_has_no_network_config_and_static_addressing_matches_the_mac()
    {
        Assert.DoesNotContain(Files(Valid(new CloudInitSpec("alice", "pw", [], null))), f => f.Name == NoCloudSeed.NetworkConfig);

        var spec = new CloudInitSpec("alice", "pw", [], null) { Network = new CloudNetworkSpec(true, "10.1.2.3/16", "10.1.0.1", ["10.1.0.53"]) };
        YamlMappingNode network = Parse(Text(Files(Valid(spec)), NoCloudSeed.NetworkConfig));
        var primary = (YamlMappingNode)((YamlMappingNode)network["ethernets"])["primary"];
        Assert.Equal("2", network["version"].ToString());
        Assert.Equal("52:54:00:12:34:56", ((YamlMappingNode)primary["match"])["macaddress"].ToString());
        Assert.Equal("10.1.2.3/16", ((YamlSequenceNode)primary["addresses"]).Children.Single().ToString());
        Assert.Equal("10.1.0.1", ((YamlMappingNode)((YamlSequenceNode)primary["routes"]).Children.Single())["via"].ToString());
        Assert.Equal("10.1.0.53", ((YamlSequenceNode)((YamlMappingNode)primary["nameservers"])["addresses"]).Children.Single().ToString());
    }

    [Fact]
    public void Expert_keys_are_added_and_replace_the_generated_ones()
    {
        var spec = new CloudInitSpec("alice", "pw", [], "web-1") { UserData = "#cloud-config\nhostname: from-expert\nruncmd:\n  - [touch, /tmp/done]\n" };
        YamlMappingNode root = Parse(Text(Files(Valid(spec)), NoCloudSeed.UserData));

        Assert.Equal("from-expert", root["hostname"].ToString());
        Assert.Single(((YamlSequenceNode)root["runcmd"]).Children);
        Assert.True(root.Children.ContainsKey("users"));
    }

    [Fact]
    public void Odd_values_are_quoted_so_they_stay_strings()
    {
        // A comment with YAML syntax in it must come back as the same text.
        string key = Keys.Ed25519.Replace("alice@example", "x: [y] # z", StringComparison.Ordinal);
        var user = (YamlMappingNode)((YamlSequenceNode)Parse(Text(Files(Valid(new CloudInitSpec("alice", null, [key], null))), NoCloudSeed.UserData))["users"]).Children.Single();
        Assert.Equal(key, ((YamlSequenceNode)user["ssh_authorized_keys"]).Children.Single().ToString());
    }

    [Fact]
    public void The_iso_has_label_cidata_and_the_exact_names_in_joliet()
    {
        var cloudInit = Valid(new CloudInitSpec("alice", "pw", [Keys.Ecdsa], "web-1") { Network = new CloudNetworkSpec(true, "10.1.2.3/16", "10.1.0.1", []) });
        byte[] image = NoCloudSeed.Build(cloudInit, Uuid, "52:54:00:12:34:56", Created);

        Assert.Equal(0, image.Length % IsoImageWriter.SectorSize);
        Assert.Equal("cidata", IsoReader.Label(image, joliet: false));
        Assert.Equal("cidata", IsoReader.Label(image, joliet: true));
        var joliet = IsoReader.Files(image, joliet: true);
        Assert.Equal(["meta-data;1", "network-config;1", "user-data;1"], joliet.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["META_DAT.;1", "NETWORK_.;1", "USER_DAT.;1"], IsoReader.Files(image, joliet: false).Keys.Order(StringComparer.Ordinal));
        foreach (IsoFile file in NoCloudSeed.Files(cloudInit, Uuid, "52:54:00:12:34:56"))
        {
            Assert.Equal(file.Content, joliet[file.Name + ";1"]);
        }
    }

    [Fact]
    public void Files_whose_short_names_clash_are_refused() =>
        Assert.Throws<ArgumentException>(() => IsoImageWriter.Write("cidata", [new("user-data", [1]), new("user-data-2", [2])], Created));

    private static ValidatedCloudInit Valid(CloudInitSpec spec)
    {
        var problems = new List<ValidationProblem>();
        ValidatedCloudInit? valid = CloudInitRules.Check(spec, "guest1", hasNic: true, problems);
        Assert.True(valid is not null, string.Join("\n", problems));
        return valid;
    }

    private static IReadOnlyList<IsoFile> Files(ValidatedCloudInit cloudInit) => NoCloudSeed.Files(cloudInit, Uuid, "52:54:00:12:34:56");

    private static string Text(IReadOnlyList<IsoFile> files, string name) => Encoding.UTF8.GetString(files.Single(f => f.Name == name).Content);

    private static YamlMappingNode Parse(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return (YamlMappingNode)stream.Documents.Single().RootNode;
    }
}
