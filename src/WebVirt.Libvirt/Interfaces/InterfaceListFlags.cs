namespace WebVirt.Libvirt.Interfaces;

/// <summary>virConnectListAllInterfacesFlags.</summary>
[Flags]
public enum InterfaceListFlags : uint
{
    None = 0,
    Inactive = 1,
    Active = 2,
}
