using System.Globalization;
using System.Text;
using WebVirt.Domain.CloudInit;
using WebVirt.Domain.Validation;
using YamlDotNet.RepresentationModel;

namespace WebVirt.Domain.Definition;

/// <summary>
/// Builds cloud-init's NoCloud seed: <c>meta-data</c> (instance id = the guest's UUID, host name),
/// <c>user-data</c> (#cloud-config: the user with the password only as its SHA-512 crypt hash,
/// SSH keys, host name, packages; expert keys replace these) and, for static addressing,
/// <c>network-config</c> (version 2, matched by the NIC's MAC), in an ISO labelled <c>cidata</c>.
/// All YAML goes through YamlDotNet's emitter, so every value is quoted as it needs to be.
/// </summary>
public static class NoCloudSeed
{
    public const string Label = "cidata";
    public const string MetaData = "meta-data";
    public const string UserData = "user-data";
    public const string NetworkConfig = "network-config";

    /// <summary>The seed volume's name for guest <paramref name="guestName"/>.</summary>
    public static string VolumeName(string guestName) => CloudImagePlan.SeedVolumeNameOf(guestName);

    public static IReadOnlyList<IsoFile> Files(ValidatedCloudInit cloudInit, Guid uuid, string? mac)
    {
        ArgumentNullException.ThrowIfNull(cloudInit);
        var files = new List<IsoFile>
        {
            new(MetaData, Utf8(Emit(MetaDataNode(cloudInit, uuid)))),
            new(UserData, Utf8(CloudInitRules.CloudConfigHeader + "\n" + Emit(UserDataNode(cloudInit)))),
        };
        if (cloudInit.StaticNetwork is CloudStaticNetwork network)
        {
            files.Add(new(NetworkConfig, Utf8(Emit(NetworkNode(network, mac ?? throw new ArgumentException("a static address needs the NIC's MAC", nameof(mac)))))));
        }

        return files;
    }

    /// <summary>The seed ISO.</summary>
    public static byte[] Build(ValidatedCloudInit cloudInit, Guid uuid, string? mac, DateTimeOffset created) =>
        IsoImageWriter.Write(Label, Files(cloudInit, uuid, mac), created);

    private static YamlMappingNode MetaDataNode(ValidatedCloudInit cloudInit, Guid uuid) => new()
    {
        { "instance-id", uuid.ToString("D", CultureInfo.InvariantCulture) },
        { "local-hostname", cloudInit.HostName },
    };

    private static YamlMappingNode UserDataNode(ValidatedCloudInit cloudInit)
    {
        bool password = cloudInit.PasswordHash is not null;
        var user = new YamlMappingNode
        {
            { "name", cloudInit.UserName },
            { "shell", "/bin/bash" },
            // With a password the user types it for sudo; with keys only there is none to type.
            { "sudo", password ? "ALL=(ALL) ALL" : "ALL=(ALL) NOPASSWD:ALL" },
            { "lock_passwd", password ? "false" : "true" },
        };
        if (cloudInit.PasswordHash is string hash)
        {
            user.Add("passwd", hash);
        }

        if (cloudInit.SshKeys.Count > 0)
        {
            user.Add("ssh_authorized_keys", new YamlSequenceNode(cloudInit.SshKeys.Select(k => new YamlScalarNode(k))));
        }

        var root = new YamlMappingNode
        {
            { "hostname", cloudInit.HostName.Split('.')[0] },
            { "users", new YamlSequenceNode(user) },
            { "ssh_pwauth", password ? "true" : "false" },
        };
        if (cloudInit.HostName.Contains('.', StringComparison.Ordinal))
        {
            root.Add("fqdn", cloudInit.HostName);
        }

        if (cloudInit.Packages.Count > 0)
        {
            root.Add("package_update", "true");
            root.Add("packages", new YamlSequenceNode(cloudInit.Packages.Select(p => new YamlScalarNode(p))));
        }

        if (cloudInit.ExpertUserData is YamlMappingNode expert)
        {
            foreach (var (key, value) in expert.Children)
            {
                root.Children[key] = value;
            }
        }

        return root;
    }

    private static YamlMappingNode NetworkNode(CloudStaticNetwork network, string mac)
    {
        var ethernet = new YamlMappingNode
        {
            // Quoted: cloud-init reads YAML 1.1, where an unquoted MAC is a base-60 number.
            { "match", new YamlMappingNode { { "macaddress", Quoted(mac.ToLowerInvariant()) } } },
            { "addresses", new YamlSequenceNode(Quoted(network.Address)) },
            // An explicit default route: older cloud-init renderers know no "to: default".
            { "routes", new YamlSequenceNode(new YamlMappingNode { { "to", Quoted(network.IPv6 ? "::/0" : "0.0.0.0/0") }, { "via", Quoted(network.Gateway) } }) },
        };
        if (network.DnsServers.Count > 0)
        {
            ethernet.Add("nameservers", new YamlMappingNode { { "addresses", new YamlSequenceNode(network.DnsServers.Select(Quoted)) } });
        }

        return new YamlMappingNode
        {
            { "version", "2" },
            { "ethernets", new YamlMappingNode { { "primary", ethernet } } },
        };
    }

    private static YamlScalarNode Quoted(string text) => new(text) { Style = YamlDotNet.Core.ScalarStyle.DoubleQuoted };

    private static string Emit(YamlNode root)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        new YamlStream(new YamlDocument(root)).Save(writer, assignAnchors: false);
        string text = writer.ToString();

        // The emitter closes the document with "..."; cloud-init reads the file either way, people read it better without.
        return text.EndsWith("...\n", StringComparison.Ordinal) ? text[..^4] : text;
    }

    private static byte[] Utf8(string text) => new UTF8Encoding(false).GetBytes(text);
}
