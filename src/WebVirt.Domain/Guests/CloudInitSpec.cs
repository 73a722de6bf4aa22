namespace WebVirt.Domain.Guests;

/// <summary>
/// What cloud-init sets up in a guest made from a cloud image, as the wizard asks it. Nothing here
/// is trusted: the validation's CloudInitRules check it before a seed is built from it.
/// </summary>
/// <param name="SshKeys">OpenSSH public key lines (type, base-64 key, optional comment).</param>
/// <param name="HostName">Null: the guest's name.</param>
public sealed record CloudInitSpec(string UserName, string? Password, IReadOnlyList<string> SshKeys, string? HostName)
{
    public CloudNetworkSpec Network { get; init; } = CloudNetworkSpec.Dhcp;

    public IReadOnlyList<string> Packages { get; init; } = [];

    /// <summary>Expert cloud-config text; its top-level keys replace the ones built from the fields above.</summary>
    public string? UserData { get; init; }
}

/// <summary>DHCP, or a static address in CIDR form with a gateway and DNS servers.</summary>
public sealed record CloudNetworkSpec(bool Static, string? Address, string? Gateway, IReadOnlyList<string> DnsServers)
{
    public static CloudNetworkSpec Dhcp { get; } = new(false, null, null, []);
}
