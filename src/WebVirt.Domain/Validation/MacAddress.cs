using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace WebVirt.Domain.Validation;

/// <summary>MAC address checks and generation in QEMU's locally administered 52:54:00 range.</summary>
public static partial class MacAddress
{
    public static bool IsWellFormed(string? mac) => mac is not null && Shape().IsMatch(mac) && Normalize(mac) != "00:00:00:00:00:00";

    /// <summary>The group bit (lowest bit of the first octet) marks multicast; a NIC cannot own one.</summary>
    public static bool IsMulticast(string mac) => (byte.Parse(mac.AsSpan(0, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture) & 1) == 1;

    public static string Normalize(string mac) => mac.ToLowerInvariant();

    /// <summary>A random 52:54:00:xx:xx:xx address not in <paramref name="inUse"/>.</summary>
    public static string Generate(IEnumerable<string> inUse)
    {
        var taken = new HashSet<string>(inUse.Select(Normalize), StringComparer.Ordinal);
        while (true)
        {
            byte[] tail = RandomNumberGenerator.GetBytes(3);
            string mac = $"52:54:00:{tail[0]:x2}:{tail[1]:x2}:{tail[2]:x2}";
            if (!taken.Contains(mac))
            {
                return mac;
            }
        }
    }

    public static void Check(string? mac, IReadOnlyCollection<string> inUse, string field, List<ValidationProblem> problems)
    {
        if (!IsWellFormed(mac))
        {
            // The raw value is shown only when it is printable; control characters stay out of messages.
            problems.Add(ValidationProblem.Create(field, ValidationKeys.MacMalformed, mac is not null && TextRules.IsClean(mac, false) ? mac : "?"));
        }
        else if (IsMulticast(mac!))
        {
            problems.Add(ValidationProblem.Create(field, ValidationKeys.MacMulticast, mac!));
        }
        else if (inUse.Any(used => string.Equals(used, mac, StringComparison.OrdinalIgnoreCase)))
        {
            problems.Add(ValidationProblem.Create(field, ValidationKeys.MacDuplicate, Normalize(mac!)));
        }
    }

    [GeneratedRegex(@"^[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){5}\z")]
    private static partial Regex Shape();
}
