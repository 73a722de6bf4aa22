using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using WebVirt.Domain.Validation;

namespace WebVirt.Domain.Networks;

/// <summary>An IPv4 or IPv6 subnet (network address and prefix length), with the arithmetic overlap checks need.</summary>
public sealed partial class IpSubnet : IEquatable<IpSubnet>
{
    private IpSubnet(AddressFamily family, UInt128 network, int prefix)
    {
        Family = family;
        Network = network;
        Prefix = prefix;
    }

    public AddressFamily Family { get; }

    public UInt128 Network { get; }

    public int Prefix { get; }

    public int Bits => BitsOf(Family);

    /// <summary>The last address (IPv4's broadcast address).</summary>
    public UInt128 Last => Network | HostMask(Bits, Prefix);

    /// <summary>
    /// Parses "address/prefix" strictly; <paramref name="address"/> is the address as written and
    /// the subnet has the host bits cleared (compare the two to see whether any were set).
    /// </summary>
    public static bool TryParse(string? text, AddressFamily family, out IpSubnet subnet, out UInt128 address)
    {
        subnet = null!;
        address = default;
        int slash = text?.IndexOf('/', StringComparison.Ordinal) ?? -1;
        if (slash < 0 || !PrefixDigits().IsMatch(text![(slash + 1)..])
            || !TryParseAddress(text[..slash], family, out address))
        {
            return false;
        }

        int prefix = int.Parse(text[(slash + 1)..], CultureInfo.InvariantCulture);
        if (prefix > BitsOf(family))
        {
            return false;
        }

        subnet = new IpSubnet(family, address & ~HostMask(BitsOf(family), prefix) & AllOnes(BitsOf(family)), prefix);
        return true;
    }

    public static IpSubnet FromAddress(UInt128 address, int prefix, AddressFamily family) =>
        new(family, address & ~HostMask(BitsOf(family), prefix) & AllOnes(BitsOf(family)), prefix);

    /// <summary>A strict address of <paramref name="family"/> as a number.</summary>
    public static bool TryParseAddress(string? text, AddressFamily family, out UInt128 address)
    {
        address = default;
        bool ok = family == AddressFamily.InterNetwork ? HostNameRules.TryParseIPv4(text, out IPAddress parsed) : HostNameRules.TryParseIPv6(text, out parsed);
        if (!ok)
        {
            return false;
        }

        byte[] bytes = parsed.GetAddressBytes();
        foreach (byte b in bytes)
        {
            address = (address << 8) | b;
        }

        return true;
    }

    public static string Format(UInt128 address, AddressFamily family)
    {
        int length = BitsOf(family) / 8;
        byte[] bytes = new byte[length];
        for (int i = length - 1; i >= 0; i--)
        {
            bytes[i] = (byte)(address & 0xFF);
            address >>= 8;
        }

        return new IPAddress(bytes).ToString();
    }

    public bool Contains(UInt128 address) => address >= Network && address <= Last;

    /// <summary>Shares at least one address with <paramref name="other"/>: equal, containing or contained.</summary>
    public bool Overlaps(IpSubnet other) => Family == other.Family && (Contains(other.Network) || other.Contains(Network));

    public bool Equals(IpSubnet? other) => other is not null && Family == other.Family && Network == other.Network && Prefix == other.Prefix;

    public override bool Equals(object? obj) => Equals(obj as IpSubnet);

    public override int GetHashCode() => HashCode.Combine(Family, Network, Prefix);

    public override string ToString() => $"{Format(Network, Family)}/{Prefix.ToString(CultureInfo.InvariantCulture)}";

    private static int BitsOf(AddressFamily family) => family == AddressFamily.InterNetwork ? 32 : 128;

    private static UInt128 AllOnes(int bits) => bits == 128 ? UInt128.MaxValue : (UInt128.One << bits) - 1;

    private static UInt128 HostMask(int bits, int prefix) => prefix == 0 ? AllOnes(bits) : prefix >= bits ? UInt128.Zero : (UInt128.One << (bits - prefix)) - 1;

    [GeneratedRegex(@"^[0-9]{1,3}\z")]
    private static partial Regex PrefixDigits();
}
