using WebVirt.Libvirt;

namespace WebVirt.Agent.Guests;

/// <summary>
/// Picks what the user can do about a libvirt error. The console owns the words (in every language);
/// the agent only names which advice applies, because only it sees libvirt's code and message.
/// </summary>
internal static class LibvirtErrorHints
{
    public const string KvmPermission = "Hint_KvmPermission";
    public const string KvmMissing = "Hint_KvmMissing";
    public const string GuestGone = "Hint_GuestGone";
    public const string WrongState = "Hint_WrongState";
    public const string LibvirtDown = "Hint_LibvirtDown";
    public const string NoAcpi = "Hint_NoAcpi";

    public static string? For(LibvirtException ex)
    {
        var message = ex.Message;
        if (message.Contains("Could not access KVM kernel module", StringComparison.OrdinalIgnoreCase) &&
            message.Contains("Permission denied", StringComparison.OrdinalIgnoreCase))
        {
            return KvmPermission;
        }

        if (message.Contains("KVM is not available", StringComparison.OrdinalIgnoreCase) ||
            message.Contains("Could not access KVM kernel module", StringComparison.OrdinalIgnoreCase) ||
            message.Contains("does not support virt type 'kvm'", StringComparison.OrdinalIgnoreCase))
        {
            return KvmMissing;
        }

        if (message.Contains("ACPI", StringComparison.Ordinal))
        {
            return NoAcpi;
        }

        return ex.Code switch
        {
            LibvirtErrorCodes.NoDomain => GuestGone,
            LibvirtErrorCodes.OperationInvalid => WrongState,
            LibvirtErrorCodes.RpcError or LibvirtErrorCodes.SystemError => LibvirtDown,
            _ => null,
        };
    }
}
