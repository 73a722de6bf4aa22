using WebVirt.Contracts;
using WebVirt.Libvirt;

namespace WebVirt.Agent.Session;

/// <summary>Picks the advice for a libvirt error from its code and message (see <see cref="HintKeys"/>).</summary>
internal static class LibvirtErrorHints
{
    public static string? For(LibvirtException ex)
    {
        var message = ex.Message;
        if (message.Contains("Could not access KVM kernel module", StringComparison.OrdinalIgnoreCase) &&
            message.Contains("Permission denied", StringComparison.OrdinalIgnoreCase))
        {
            return HintKeys.KvmPermission;
        }

        if (message.Contains("KVM is not available", StringComparison.OrdinalIgnoreCase) ||
            message.Contains("Could not access KVM kernel module", StringComparison.OrdinalIgnoreCase) ||
            message.Contains("does not support virt type 'kvm'", StringComparison.OrdinalIgnoreCase))
        {
            return HintKeys.KvmMissing;
        }

        if (message.Contains("ACPI", StringComparison.Ordinal))
        {
            return HintKeys.NoAcpi;
        }

        return ex.Code switch
        {
            LibvirtErrorCodes.NoDomain => HintKeys.NoDomain,
            LibvirtErrorCodes.OperationInvalid => HintKeys.OperationInvalid,
            LibvirtErrorCodes.RpcError or LibvirtErrorCodes.NoConnect => HintKeys.LibvirtDown,
            LibvirtErrorCodes.SystemError => HintKeys.SystemError,
            _ => null,
        };
    }
}
