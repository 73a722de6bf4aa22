namespace WebVirt.Libvirt.Networks;

// Values of virNetworkUpdateCommand.
public enum NetworkUpdateCommand : uint
{
    Modify = 1,
    Delete = 2,
    AddLast = 3,
    AddFirst = 4,
}
