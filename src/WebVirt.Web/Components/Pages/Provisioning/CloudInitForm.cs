using WebVirt.Contracts;

namespace WebVirt.Web.Components.Pages;

/// <summary>The wizard's cloud image settings as the user types them; lists are free text until sent.</summary>
public sealed class CloudInitForm
{
    private static readonly char[] ListSeparators = [' ', ',', ';', '\t', '\r', '\n'];

    public bool Linked { get; set; }

    public string UserName { get; set; } = "";

    public string? Password { get; set; }

    /// <summary>One OpenSSH public key per line.</summary>
    public string? SshKeys { get; set; }

    public string? HostName { get; set; }

    public bool StaticNetwork { get; set; }

    public string? Address { get; set; }

    public string? Gateway { get; set; }

    public string? DnsServers { get; set; }

    public string? Packages { get; set; }

    public string? UserData { get; set; }

    public CloudInitDto ToDto() => new()
    {
        UserName = UserName.Trim(),
        Password = string.IsNullOrEmpty(Password) ? null : Password,
        SshKeys = [.. (SshKeys ?? "").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0)],
        HostName = string.IsNullOrWhiteSpace(HostName) ? null : HostName.Trim(),
        StaticNetwork = StaticNetwork,
        Address = StaticNetwork ? Address?.Trim() : null,
        Gateway = StaticNetwork ? Gateway?.Trim() : null,
        DnsServers = StaticNetwork ? Split(DnsServers) : [],
        Packages = Split(Packages),
        UserData = string.IsNullOrWhiteSpace(UserData) ? null : UserData,
    };

    private static string[] Split(string? text) => (text ?? "").Split(ListSeparators, StringSplitOptions.RemoveEmptyEntries);
}
