namespace WebVirt.Libvirt.Networks;

/// <summary>virConnectListAllNetworksFlags.</summary>
[Flags]
public enum NetworkListFlags : uint
{
    None = 0,
    Inactive = 1,
    Active = 2,
    Persistent = 4,
    Transient = 8,
    Autostart = 16,
    NoAutostart = 32,
}
