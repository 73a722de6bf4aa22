using WebVirt.Domain.Guests;
using WebVirt.Domain.Validation;

namespace WebVirt.Domain.Tests.CloudInit;

public sealed class CloudInitRulesTests
{
    private static readonly CloudInitSpec Good = new("alice", "pa55word", [Keys.Ed25519, Keys.Rsa], "web-1.example.org")
    {
        Packages = ["qemu-guest-agent", "libstdc++6"],
    };

    [Fact]
    public void Good_input_passes_with_the_password_only_hashed()
    {
        ValidatedCloudInit valid = Check(Good, out var problems)!;

        Assert.Empty(problems);
        Assert.Equal("web-1.example.org", valid.HostName);
        Assert.StartsWith("$6$", valid.PasswordHash, StringComparison.Ordinal);
        Assert.Equal([Keys.Ed25519, Keys.Rsa], valid.SshKeys);
        Assert.Null(valid.StaticNetwork);
    }

    [Fact]
    public void The_host_name_defaults_to_the_guest_name() =>
        Assert.Equal("guest1", Check(Good with { HostName = " " }, out _)!.HostName);

    [Theory]
    [InlineData("Alice")]
    [InlineData("1alice")]
    [InlineData("al ice")]
    [InlineData("alice;rm")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public void Bad_user_names_are_refused(string name) =>
        Refuse(Good with { UserName = name }, "CloudInit.UserName", ValidationKeys.CloudUserNameInvalid);

    [Fact]
    public void System_accounts_are_refused() =>
        Refuse(Good with { UserName = "root" }, "CloudInit.UserName", ValidationKeys.CloudUserNameReserved);

    [Fact]
    public void A_bad_key_is_refused_naming_its_line()
    {
        var problem = Refuse(Good with { SshKeys = [Keys.Ed25519, "ssh-ed25519 AAAA!!!! me"] }, "CloudInit.SshKeys", ValidationKeys.CloudSshKeyMalformed);
        Assert.Equal([2, "ssh-ed25519"], problem.Args);
        Assert.Contains("line 2", problem.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_key_type_is_refused() =>
        Refuse(Good with { SshKeys = ["ssh-dss AAAAB3NzaC1kc3M="] }, "CloudInit.SshKeys", ValidationKeys.CloudSshKeyUnknownType);

    [Fact]
    public void Neither_password_nor_key_is_refused() =>
        Refuse(Good with { Password = null, SshKeys = [] }, "CloudInit.SshKeys", ValidationKeys.CloudNoLogin);

    [Fact]
    public void A_password_with_control_characters_is_refused_without_echoing_it()
    {
        var problem = Refuse(Good with { Password = "bad\u0001pass" }, "CloudInit.Password", ValidationKeys.CloudPasswordInvalid);
        Assert.DoesNotContain("bad", problem.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-web")]
    [InlineData("web_1")]
    [InlineData("web..example")]
    [InlineData("1234")]
    [InlineData("a-label-that-is-far-too-long-for-dns-because-it-has-more-than-63-chars")]
    public void Bad_host_names_are_refused(string host) =>
        Refuse(Good with { HostName = host }, "CloudInit.HostName", ValidationKeys.CloudHostNameInvalid);

    [Fact]
    public void A_static_address_passes_with_gateway_and_dns()
    {
        var network = new CloudNetworkSpec(true, "192.168.50.10/24", "192.168.50.1", ["1.1.1.1", "2606:4700:4700::1111"]);
        var valid = Check(Good with { Network = network }, out _)!;
        Assert.Equal("192.168.50.10/24", valid.StaticNetwork!.Address);
        Assert.Equal("192.168.50.1", valid.StaticNetwork.Gateway);
        Assert.Equal(["1.1.1.1", "2606:4700:4700::1111"], valid.StaticNetwork.DnsServers);
    }

    [Theory]
    [InlineData("192.168.50.10", "192.168.50.1", "CloudInit.Address", ValidationKeys.CloudAddressInvalid)]
    [InlineData("192.168.50.0/24", "192.168.50.1", "CloudInit.Address", ValidationKeys.CloudAddressNotHost)]
    [InlineData("192.168.50.255/24", "192.168.50.1", "CloudInit.Address", ValidationKeys.CloudAddressNotHost)]
    [InlineData("192.168.50.10/24", "192.168.51.1", "CloudInit.Gateway", ValidationKeys.CloudGatewayOutsideSubnet)]
    [InlineData("192.168.50.10/24", "gateway", "CloudInit.Gateway", ValidationKeys.CloudIpInvalid)]
    [InlineData("2001:db8::10/64", "192.168.50.1", "CloudInit.Gateway", ValidationKeys.CloudIpInvalid)]
    public void Bad_static_addressing_is_refused(string address, string gateway, string field, string key) =>
        Refuse(Good with { Network = new CloudNetworkSpec(true, address, gateway, []) }, field, key);

    [Fact]
    public void A_bad_dns_server_is_refused() =>
        Refuse(Good with { Network = new CloudNetworkSpec(true, "10.0.0.5/8", "10.0.0.1", ["dns.example.org"]) }, "CloudInit.Dns", ValidationKeys.CloudIpInvalid);

    [Fact]
    public void A_static_address_without_a_nic_is_refused()
    {
        var problems = new List<ValidationProblem>();
        Assert.Null(CloudInitRules.Check(Good with { Network = new CloudNetworkSpec(true, "10.0.0.5/8", "10.0.0.1", []) }, "guest1", hasNic: false, problems));
        Assert.Equal(ValidationKeys.CloudStaticNeedsNic, Assert.Single(problems).Key);
    }

    [Theory]
    [InlineData("vim; rm -rf /")]
    [InlineData("-option")]
    [InlineData("pkg name")]
    public void Bad_package_names_are_refused(string package) =>
        Refuse(Good with { Packages = [package] }, "CloudInit.Packages", ValidationKeys.CloudPackageInvalid);

    [Fact]
    public void Expert_user_data_must_start_with_cloud_config() =>
        Refuse(Good with { UserData = "runcmd:\n  - echo hi\n" }, "CloudInit.UserData", ValidationKeys.CloudUserDataHeader);

    [Fact]
    public void Bad_yaml_is_refused_naming_its_line()
    {
        var problem = Refuse(Good with { UserData = "#cloud-config\nruncmd:\n  - echo hi\n bad: [unclosed\n" }, "CloudInit.UserData", ValidationKeys.CloudUserDataYaml);
        Assert.Equal(4, problem.Args[0]);
    }

    [Fact]
    public void User_data_that_is_not_a_mapping_is_refused() =>
        Refuse(Good with { UserData = "#cloud-config\n- just\n- a list\n" }, "CloudInit.UserData", ValidationKeys.CloudUserDataNotMapping);

    [Fact]
    public void Good_expert_user_data_passes() =>
        Assert.NotNull(Check(Good with { UserData = "#cloud-config\nruncmd:\n  - [sh, -c, 'echo hi > /tmp/x']\n" }, out _)!.ExpertUserData);

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        Check(Good with { UserName = "Bad", HostName = "-x", SshKeys = ["nope"], Packages = ["a b"] }, out var problems);
        Assert.Equal(
            ["CloudInit.HostName", "CloudInit.Packages", "CloudInit.SshKeys", "CloudInit.UserName"],
            problems.Select(p => p.Field).Order(StringComparer.Ordinal));
    }

    private static ValidatedCloudInit? Check(CloudInitSpec spec, out List<ValidationProblem> problems)
    {
        problems = [];
        return CloudInitRules.Check(spec, "guest1", hasNic: true, problems);
    }

    private static ValidationProblem Refuse(CloudInitSpec spec, string field, string key)
    {
        Assert.Null(Check(spec, out var problems));
        ValidationProblem problem = Assert.Single(problems, p => p.Key == key);
        Assert.Equal(field, problem.Field);
        Assert.False(string.IsNullOrWhiteSpace(ValidationMessages.Template(key, new System.Globalization.CultureInfo("zh-Hans"))));
        return problem;
    }
}
