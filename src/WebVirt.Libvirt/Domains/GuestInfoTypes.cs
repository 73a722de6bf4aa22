namespace WebVirt.Libvirt.Domains;

/// <summary>virDomainGuestInfoTypes: which parts of the guest agent's answer virDomainGetGuestInfo asks for.</summary>
[Flags]
public enum GuestInfoTypes : uint
{
    /// <summary>Every type the libvirt in use knows.</summary>
    All = 0,
    Users = 1,
    OperatingSystem = 2,
    Timezone = 4,
    Hostname = 8,
    FileSystems = 16,
}
