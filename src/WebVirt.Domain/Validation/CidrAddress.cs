using System.Net;
using System.Numerics;
using System.Text.RegularExpressions;

namespace WebVirt.Domain.Validation;

/// <summary>An interface address with its prefix length ("192.168.122.10/24", "2001:db8::10/64"), strictly parsed.</summary>
public sealed partial class CidrAddress
{
    private readonly BigInteger _address;
    private readonly BigInteger _mask;
    private readonly int _bits;

    private CidrAddress(IPAddress address, int prefix)
    {
        Address = address;
        Prefix = prefix;
        _bits = address.GetAddressBytes().Length * 8;
        _address = new BigInteger(address.GetAddressBytes(), isUnsigned: true, isBigEndian: true);
        _mask = ((BigInteger.One << prefix) - 1) << (_bits - prefix);
    }

    public IPAddress Address { get; }

    public int Prefix { get; }

    /// <summary>Neither the subnet's network address nor (IPv4) its broadcast address; /31, /32, /127 and /128 have no such addresses.</summary>
    public bool IsHostAddress
    {
        get
        {
            if (Prefix >= _bits - 1)
            {
                return true;
            }

            BigInteger host = _address & ~_mask & ((BigInteger.One << _bits) - 1);
            return host != 0 && (_bits == 128 || host != ((BigInteger.One << (_bits - Prefix)) - 1));
        }
    }

    /// <summary>The subnet in CIDR form, for messages.</summary>
    public string Subnet => $"{ToAddress(_address & _mask)}/{Prefix}";

    public static CidrAddress? TryParse(string? text)
    {
        int slash = text?.IndexOf('/', StringComparison.Ordinal) ?? -1;
        if (slash < 0 || !PrefixDigits().IsMatch(text![(slash + 1)..]))
        {
            return null;
        }

        string host = text[..slash];
        bool ok = host.Contains(':', StringComparison.Ordinal) ? HostNameRules.TryParseIPv6(host, out IPAddress address) : HostNameRules.TryParseIPv4(host, out address);
        int prefix = int.Parse(text[(slash + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        return ok && prefix <= address.GetAddressBytes().Length * 8 ? new CidrAddress(address, prefix) : null;
    }

    public bool Contains(IPAddress other)
    {
        ArgumentNullException.ThrowIfNull(other);
        byte[] bytes = other.GetAddressBytes();
        return bytes.Length * 8 == _bits && (new BigInteger(bytes, isUnsigned: true, isBigEndian: true) & _mask) == (_address & _mask);
    }

    private IPAddress ToAddress(BigInteger value)
    {
        byte[] raw = value.ToByteArray(isUnsigned: true, isBigEndian: true);
        byte[] bytes = new byte[_bits / 8];
        raw.CopyTo(bytes, bytes.Length - raw.Length);
        return new IPAddress(bytes);
    }

    [GeneratedRegex(@"^[0-9]{1,3}\z")]
    private static partial Regex PrefixDigits();
}
