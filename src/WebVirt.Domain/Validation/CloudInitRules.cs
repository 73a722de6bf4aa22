using System.Net;
using System.Text.RegularExpressions;
using WebVirt.Domain.CloudInit;
using WebVirt.Domain.Guests;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace WebVirt.Domain.Validation;

/// <summary>
/// The one place that checks cloud-init input: user name as useradd takes it, password, SSH keys,
/// RFC 1123 host name, static addressing, package names and the expert user-data. Every problem
/// is reported at once, under the field it belongs to ("CloudInit.*").
/// </summary>
public static partial class CloudInitRules
{
    public const int MaxUserNameLength = 32;
    public const int MaxPasswordLength = 256;
    public const int MaxKeys = 32;
    public const int MaxPackages = 64;
    public const int MaxDnsServers = 3;
    public const int MaxUserDataLength = 64 * 1024;
    public const string CloudConfigHeader = "#cloud-config";

    // Accounts every distribution has; cloud-init would rewrite them instead of adding a user.
    private static readonly HashSet<string> Reserved = new(StringComparer.Ordinal) { "root", "daemon", "bin", "sys", "sync", "nobody", "systemd-network" };

    /// <summary>The checked input, or null with <paramref name="problems"/> saying why; <paramref name="guestName"/> is the default host name.</summary>
    public static ValidatedCloudInit? Check(CloudInitSpec? spec, string guestName, bool hasNic, List<ValidationProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (spec is null)
        {
            problems.Add(ValidationProblem.Create("CloudInit", ValidationKeys.Required, "CloudInit"));
            return null;
        }

        int before = problems.Count;
        CheckUser(spec, problems);
        var keys = CheckKeys(spec.SshKeys ?? [], problems);
        // No host name and no guest name yet: the guest name's own problem says what is missing.
        string hostName = CheckHostName(spec.HostName, guestName, problems);

        CloudStaticNetwork? network = CheckNetwork(spec.Network ?? CloudNetworkSpec.Dhcp, hasNic, problems);
        var packages = CheckPackages(spec.Packages ?? [], problems);
        YamlMappingNode? userData = CheckUserData(spec.UserData, problems);
        if (string.IsNullOrEmpty(spec.Password) && keys.Count == 0)
        {
            problems.Add(ValidationProblem.Create("CloudInit.SshKeys", ValidationKeys.CloudNoLogin));
        }

        return problems.Count > before
            ? null
            : new ValidatedCloudInit(spec.UserName, string.IsNullOrEmpty(spec.Password) ? null : Sha512Crypt.Hash(spec.Password), keys, hostName, network, packages, userData);
    }

    /// <summary>The key lines of a text area: one per line, blank lines and surrounding white space dropped.</summary>
    public static IReadOnlyList<string> SplitLines(string? text) =>
        text is null ? [] : [.. text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0)];

    private static void CheckUser(CloudInitSpec spec, List<ValidationProblem> problems)
    {
        if (string.IsNullOrEmpty(spec.UserName))
        {
            problems.Add(ValidationProblem.Create("CloudInit.UserName", ValidationKeys.Required, "CloudInit.UserName"));
        }
        else if (spec.UserName.Length > MaxUserNameLength || !UserName().IsMatch(spec.UserName))
        {
            problems.Add(ValidationProblem.Create("CloudInit.UserName", ValidationKeys.CloudUserNameInvalid, PoolPathRules.Printable(spec.UserName), MaxUserNameLength));
        }
        else if (Reserved.Contains(spec.UserName))
        {
            problems.Add(ValidationProblem.Create("CloudInit.UserName", ValidationKeys.CloudUserNameReserved, spec.UserName));
        }

        if (spec.Password is { Length: > 0 } password && (password.Length > MaxPasswordLength || password.Any(char.IsControl)))
        {
            // The password itself is never echoed back.
            problems.Add(ValidationProblem.Create("CloudInit.Password", ValidationKeys.CloudPasswordInvalid, MaxPasswordLength));
        }
    }

    private static List<string> CheckKeys(IReadOnlyList<string> lines, List<ValidationProblem> problems)
    {
        var keys = new List<string>();
        if (lines.Count > MaxKeys)
        {
            problems.Add(ValidationProblem.Create("CloudInit.SshKeys", ValidationKeys.CloudTooMany, lines.Count, MaxKeys));
            return keys;
        }

        for (int i = 0; i < lines.Count; i++)
        {
            string line = (lines[i] ?? "").Trim();
            switch (SshPublicKey.Check(line, out string type))
            {
                case SshPublicKey.Verdict.Valid:
                    keys.Add(line);
                    break;
                case SshPublicKey.Verdict.UnknownType:
                    problems.Add(ValidationProblem.Create("CloudInit.SshKeys", ValidationKeys.CloudSshKeyUnknownType, i + 1, PoolPathRules.Printable(Cut(type, 40))));
                    break;
                default:
                    problems.Add(ValidationProblem.Create("CloudInit.SshKeys", ValidationKeys.CloudSshKeyMalformed, i + 1, type));
                    break;
            }
        }

        return keys;
    }

    private static CloudStaticNetwork? CheckNetwork(CloudNetworkSpec network, bool hasNic, List<ValidationProblem> problems)
    {
        if (!network.Static)
        {
            return null;
        }

        if (!hasNic)
        {
            problems.Add(ValidationProblem.Create("CloudInit.Address", ValidationKeys.CloudStaticNeedsNic));
            return null;
        }

        string address = network.Address?.Trim() ?? "";
        CidrAddress? cidr = CidrAddress.TryParse(address);
        if (cidr is null)
        {
            problems.Add(ValidationProblem.Create("CloudInit.Address", ValidationKeys.CloudAddressInvalid, PoolPathRules.Printable(address)));
        }
        else if (!cidr.IsHostAddress)
        {
            problems.Add(ValidationProblem.Create("CloudInit.Address", ValidationKeys.CloudAddressNotHost, address));
            cidr = null;
        }

        bool ipv6 = address.Contains(':', StringComparison.Ordinal);
        string gateway = network.Gateway?.Trim() ?? "";
        IPAddress? gatewayAddress = ipv6 ? (HostNameRules.TryParseIPv6(gateway, out IPAddress v6) ? v6 : null) : (HostNameRules.TryParseIPv4(gateway, out IPAddress v4) ? v4 : null);
        if (gatewayAddress is null)
        {
            problems.Add(ValidationProblem.Create("CloudInit.Gateway", ValidationKeys.CloudIpInvalid, PoolPathRules.Printable(gateway)));
        }
        else if (cidr is not null && !cidr.Contains(gatewayAddress))
        {
            problems.Add(ValidationProblem.Create("CloudInit.Gateway", ValidationKeys.CloudGatewayOutsideSubnet, gateway, cidr.Subnet));
        }

        var dns = (network.DnsServers ?? []).Select(d => d?.Trim() ?? "").Where(d => d.Length > 0).ToList();
        if (dns.Count > MaxDnsServers)
        {
            problems.Add(ValidationProblem.Create("CloudInit.Dns", ValidationKeys.CloudTooMany, dns.Count, MaxDnsServers));
        }

        foreach (string server in dns.Where(d => !HostNameRules.TryParseIPv4(d, out _) && !HostNameRules.TryParseIPv6(d, out _)))
        {
            problems.Add(ValidationProblem.Create("CloudInit.Dns", ValidationKeys.CloudIpInvalid, PoolPathRules.Printable(server)));
        }

        return new CloudStaticNetwork(address, gateway, dns, ipv6);
    }

    private static List<string> CheckPackages(IReadOnlyList<string> packages, List<ValidationProblem> problems)
    {
        var names = packages.Select(p => p?.Trim() ?? "").Where(p => p.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (names.Count > MaxPackages)
        {
            problems.Add(ValidationProblem.Create("CloudInit.Packages", ValidationKeys.CloudTooMany, names.Count, MaxPackages));
            return [];
        }

        foreach (string name in names.Where(n => !PackageName().IsMatch(n)))
        {
            problems.Add(ValidationProblem.Create("CloudInit.Packages", ValidationKeys.CloudPackageInvalid, PoolPathRules.Printable(Cut(name, 64))));
        }

        return names;
    }

    private static YamlMappingNode? CheckUserData(string? text, List<ValidationProblem> problems)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (text.Length > MaxUserDataLength)
        {
            problems.Add(ValidationProblem.Create("CloudInit.UserData", ValidationKeys.CloudUserDataTooLong, MaxUserDataLength));
            return null;
        }

        string firstLine = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n')[0].TrimEnd();
        if (firstLine != CloudConfigHeader)
        {
            problems.Add(ValidationProblem.Create("CloudInit.UserData", ValidationKeys.CloudUserDataHeader));
            return null;
        }

        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            problems.Add(ValidationProblem.Create(
                "CloudInit.UserData", ValidationKeys.CloudUserDataYaml, (int)ex.Start.Line, (int)ex.Start.Column, Cut(ex.Message.ReplaceLineEndings(" "), 200)));
            return null;
        }

        if (stream.Documents.Count > 1 || (stream.Documents.Count == 1 && stream.Documents[0].RootNode is not YamlMappingNode))
        {
            problems.Add(ValidationProblem.Create("CloudInit.UserData", ValidationKeys.CloudUserDataNotMapping));
            return null;
        }

        return stream.Documents.Count == 0 ? null : (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static string Cut(string text, int length) => text.Length <= length ? text : text[..length] + "…";

    // useradd's default NAME_REGEX (with the optional trailing '$' of machine accounts).
    [GeneratedRegex(@"^[a-z_][a-z0-9_-]*\$?\z")]
    private static partial Regex UserName();

    // Debian and RPM package names: what apt, dnf and zypper take as a plain name.
    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9.+_-]{0,127}\z")]
    private static partial Regex PackageName();
}

/// <summary>A checked static address (CIDR), gateway and DNS servers.</summary>
public sealed record CloudStaticNetwork(string Address, string Gateway, IReadOnlyList<string> DnsServers, bool IPv6);

/// <summary>Cloud-init input that passed <see cref="CloudInitRules"/>; the password is kept only as its SHA-512 crypt hash.</summary>
public sealed record ValidatedCloudInit(
    string UserName,
    string? PasswordHash,
    IReadOnlyList<string> SshKeys,
    string HostName,
    CloudStaticNetwork? StaticNetwork,
    IReadOnlyList<string> Packages,
    YamlMappingNode? ExpertUserData);
