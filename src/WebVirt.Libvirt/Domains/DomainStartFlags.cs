namespace WebVirt.Libvirt.Domains;

/// <summary>virDomainCreateFlags.</summary>
[Flags]
public enum DomainStartFlags : uint
{
    None = 0,
    Paused = 1,
    AutoDestroy = 2,
    BypassCache = 4,
    ForceBoot = 8,
    Validate = 16,

    /// <summary>Re-create the UEFI variable store from the firmware's template (libvirt 8.1+).</summary>
    ResetNvram = 32,
}
