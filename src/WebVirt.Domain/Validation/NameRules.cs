using System.Text.RegularExpressions;

namespace WebVirt.Domain.Validation;

/// <summary>Identifier rules shared by the validator and the clone transformer.</summary>
public static partial class NameRules
{
    public const int MaxNameLength = 64;

    public static bool IsValidGuestName(string? name) => IsValidIdentifier(name);

    /// <summary>Same shape as guest names: pool, volume, network, bridge and snapshot names, CPU models.</summary>
    public static bool IsValidIdentifier(string? value) => value is not null && Identifier().IsMatch(value);

    public static bool IsValidOsVariant(string? value) => IsValidIdentifier(value);

    public static bool IsValidMachineType(string? value) => value is not null && MachineType().IsMatch(value);

    /// <summary>q35 family (PCIe, SATA CD-ROM) as opposed to the i440fx "pc" family (IDE CD-ROM).</summary>
    public static bool IsQ35(string machineType) =>
        machineType == "q35" || machineType.StartsWith("pc-q35-", StringComparison.Ordinal);

    /// <summary>
    /// The name rule of guests, pools, volumes, networks and snapshots: refuses a name that does
    /// not have <see cref="IsValidIdentifier"/>'s shape with <see cref="ValidationKeys.NameInvalid"/>.
    /// </summary>
    public static bool CheckIdentifier(string? name, string field, List<ValidationProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (IsValidIdentifier(name))
        {
            return true;
        }

        problems.Add(ValidationProblem.Create(field, ValidationKeys.NameInvalid, PoolPathRules.Printable(name ?? string.Empty)));
        return false;
    }

    public static void CheckGuestName(string? name, IReadOnlyCollection<string> existing, string field, List<ValidationProblem> problems) =>
        CheckName(name, existing, ValidationKeys.NameDuplicate, field, problems);

    /// <summary>A Linux network interface name (IFNAMSIZ - 1 = 15 bytes), as bridges and forward devices have.</summary>
    public static bool IsValidInterfaceName(string? value) => value is not null && value is not "." and not ".." && InterfaceName().IsMatch(value);

    /// <summary>An LVM volume group name: no leading '-' or '.', at most 127 characters of [A-Za-z0-9+_.-].</summary>
    public static bool IsValidVolumeGroup(string? value) => value is not null && VolumeGroup().IsMatch(value);

    /// <summary>Refuses an invalid or taken name with <paramref name="duplicateKey"/>'s message, for pools and networks.</summary>
    public static void CheckName(string? name, IEnumerable<string> existing, string duplicateKey, string field, List<ValidationProblem> problems)
    {
        if (CheckIdentifier(name, field, problems) && existing.Contains(name!, StringComparer.Ordinal))
        {
            problems.Add(ValidationProblem.Create(field, duplicateKey, name!));
        }
    }

    public static void CheckInterfaceName(string? value, string field, List<ValidationProblem> problems)
    {
        if (!IsValidInterfaceName(value))
        {
            problems.Add(ValidationProblem.Create(field, ValidationKeys.InterfaceNameInvalid, PoolPathRules.Printable(value ?? string.Empty)));
        }
    }

    // \z, not $: $ would accept a trailing newline.
    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}\z")]
    private static partial Regex Identifier();

    [GeneratedRegex(@"^(pc|q35|pc-(i440fx|q35)-[0-9]{1,2}\.[0-9]{1,2})\z")]
    private static partial Regex MachineType();

    [GeneratedRegex(@"^[A-Za-z0-9_.-]{1,15}\z")]
    private static partial Regex InterfaceName();

    [GeneratedRegex(@"^[A-Za-z0-9_+][A-Za-z0-9_.+-]{0,126}\z")]
    private static partial Regex VolumeGroup();
}
