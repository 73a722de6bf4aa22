namespace WebVirt.Libvirt.Domains;

/// <summary>virDomainDefineFlags.</summary>
[Flags]
public enum DomainDefineFlags : uint
{
    None = 0,
    Validate = 1,
}
