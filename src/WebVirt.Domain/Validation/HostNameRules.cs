using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace WebVirt.Domain.Validation;

/// <summary>
/// Host names and IP address literals as the user types them: strict dotted-quad IPv4 (no
/// "10.1" or octal shorthands that IPAddress.Parse would take), IPv6 without zone ids, and DNS
/// names of RFC 1123 labels.
/// </summary>
public static partial class HostNameRules
{
    public const int MaxDnsNameLength = 253;

    public static bool IsValidHost(string? host) =>
        host is not null && (TryParseIPv4(host, out _) || TryParseIPv6(host, out _) || IsValidDnsName(host));

    public static bool IsValidDnsName(string? name) =>
        name is not null && name.Length <= MaxDnsNameLength && DnsName().IsMatch(name) && !AllDigitsAndDots().IsMatch(name);

    public static bool TryParseIPv4(string? text, out IPAddress address)
    {
        address = IPAddress.None;
        if (text is null || !DottedQuad().IsMatch(text))
        {
            return false;
        }

        address = IPAddress.Parse(text);
        return true;
    }

    public static bool TryParseIPv6(string? text, out IPAddress address)
    {
        address = IPAddress.IPv6None;
        if (text is null || !text.Contains(':', StringComparison.Ordinal) || !Ipv6Characters().IsMatch(text)
            || !IPAddress.TryParse(text, out IPAddress? parsed) || parsed.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return false;
        }

        address = parsed;
        return true;
    }

    public static void Check(string? host, string field, List<ValidationProblem> problems)
    {
        if (string.IsNullOrEmpty(host))
        {
            problems.Add(ValidationProblem.Create(field, ValidationKeys.Required, field));
        }
        else if (!IsValidHost(host))
        {
            problems.Add(ValidationProblem.Create(field, ValidationKeys.HostInvalid, PoolPathRules.Printable(host)));
        }
    }

    [GeneratedRegex(@"^(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}\z")]
    private static partial Regex DottedQuad();

    // Hex, colons and an embedded dotted quad: no zone ids ("%eth0"), brackets or prefixes.
    [GeneratedRegex(@"^[0-9A-Fa-f:.]{2,45}\z")]
    private static partial Regex Ipv6Characters();

    [GeneratedRegex(@"^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\z")]
    private static partial Regex DnsName();

    // "10.0.0.300" is a malformed address, not a host name.
    [GeneratedRegex(@"^[0-9.]+\z")]
    private static partial Regex AllDigitsAndDots();
}
