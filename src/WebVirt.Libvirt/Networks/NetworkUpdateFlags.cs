namespace WebVirt.Libvirt.Networks;

/// <summary>virNetworkUpdateFlags: Current edits whichever of live/config the network has.</summary>
[Flags]
public enum NetworkUpdateFlags : uint
{
    Current = 0,
    Live = 1,
    Config = 2,
}
