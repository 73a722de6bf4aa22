using System.Globalization;
using System.Xml.Linq;
using WebVirt.Domain.Validation;
using YamlDotNet.RepresentationModel;

namespace WebVirt.Domain.Definition;

/// <summary>
/// The cloud-init settings a guest from a cloud image was made with, kept in its WebVirt metadata
/// as <c>&lt;webvirt:cloud-init&gt;</c> so a template (and its clones) can make new seeds without
/// asking again. The password is only its SHA-512 crypt hash; the static network is left out on
/// purpose: a clone gets its address by DHCP, and its seed's instance id is its own new UUID.
/// This type is the one place that builds and reads the element.
/// </summary>
/// <param name="UserData">The expert #cloud-config (with its header line); null when none was given.</param>
public sealed record CloudInitDefaults(
    string UserName,
    string? PasswordHash,
    IReadOnlyList<string> SshKeys,
    IReadOnlyList<string> Packages,
    string? UserData)
{
    public const string ElementName = "cloud-init";

    /// <summary>What a checked cloud-init input leaves for later seeds (host name and network are the guest's own).</summary>
    public static CloudInitDefaults From(ValidatedCloudInit cloudInit)
    {
        ArgumentNullException.ThrowIfNull(cloudInit);
        return new CloudInitDefaults(cloudInit.UserName, cloudInit.PasswordHash, cloudInit.SshKeys, cloudInit.Packages, UserDataText(cloudInit.ExpertUserData));
    }

    /// <summary>
    /// The settings of a clone's new seed: these defaults with the clone's own host name
    /// (<paramref name="hostName"/>, or <paramref name="guestName"/> when empty) and keys
    /// (<paramref name="sshKeys"/>, or these when null), checked by <see cref="CloudInitRules"/>
    /// as the wizard's input is; null with <paramref name="problems"/> saying why.
    /// </summary>
    public ValidatedCloudInit? ForClone(string? hostName, IReadOnlyList<string>? sshKeys, string guestName, List<ValidationProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        int before = problems.Count;
        var keys = CloudInitRules.CheckSshKeys(sshKeys ?? SshKeys, problems);
        string name = CloudInitRules.CheckHostName(hostName, guestName, problems);

        // Stored by WebVirt, but the domain XML can be edited by hand: read it as strictly as the wizard's input.
        var userData = CloudInitRules.CheckUserDataText(UserData, problems);
        if (problems.Count == before)
        {
            CloudInitRules.CheckLogin(PasswordHash, keys, problems);
        }

        return problems.Count > before ? null : new ValidatedCloudInit(UserName, PasswordHash, keys, name, null, Packages, userData);
    }

    public XElement ToElement()
    {
        XNamespace ns = WebVirtMetadata.Ns;
        var element = new XElement(ns + ElementName, new XElement(ns + "user", new XAttribute("name", UserName)));
        if (PasswordHash is not null)
        {
            element.Element(ns + "user")!.Add(new XAttribute("password-hash", PasswordHash));
        }

        element.Add(SshKeys.Select(k => new XElement(ns + "ssh-key", k)));
        element.Add(Packages.Select(p => new XElement(ns + "package", p)));
        if (UserData is not null)
        {
            element.Add(new XElement(ns + "user-data", UserData));
        }

        return element;
    }

    /// <summary>The defaults under WebVirt's &lt;guest&gt; element, or null when it has none (or names no user).</summary>
    public static CloudInitDefaults? Read(XElement guest)
    {
        ArgumentNullException.ThrowIfNull(guest);
        XNamespace ns = WebVirtMetadata.Ns;
        XElement? element = guest.Element(ns + ElementName);
        string? user = (string?)element?.Element(ns + "user")?.Attribute("name");
        if (element is null || string.IsNullOrEmpty(user))
        {
            return null;
        }

        return new CloudInitDefaults(
            user,
            (string?)element.Element(ns + "user")!.Attribute("password-hash"),
            [.. element.Elements(ns + "ssh-key").Select(e => e.Value)],
            [.. element.Elements(ns + "package").Select(e => e.Value)],
            (string?)element.Element(ns + "user-data"));
    }

    private static string? UserDataText(YamlMappingNode? expert)
    {
        if (expert is null)
        {
            return null;
        }

        using var writer = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        new YamlStream(new YamlDocument(expert)).Save(writer, assignAnchors: false);
        return CloudInitRules.CloudConfigHeader + "\n" + writer.ToString();
    }
}
