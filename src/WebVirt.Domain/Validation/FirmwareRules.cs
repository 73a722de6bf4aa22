namespace WebVirt.Domain.Validation;

/// <summary>What Secure Boot needs, shared by the wizard's validation and the guest page's switch.</summary>
public static class FirmwareRules
{
    /// <summary>
    /// OVMF's Secure Boot builds need SMM, which QEMU offers on q35 only; and the host must have
    /// such a build (Debian's ovmf package, found through libvirt's firmware descriptors).
    /// </summary>
    public static void CheckSecureBoot(string? machineType, HostLimits host, string field, List<ValidationProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(problems);
        if (machineType is not null && NameRules.IsValidMachineType(machineType) && !NameRules.IsQ35(machineType))
        {
            problems.Add(ValidationProblem.Create(field, ValidationKeys.SecureBootNeedsQ35, PoolPathRules.Printable(machineType)));
        }

        if (!host.SecureBootAvailable)
        {
            problems.Add(ValidationProblem.Create(field, ValidationKeys.SecureBootUnavailable));
        }
    }
}
