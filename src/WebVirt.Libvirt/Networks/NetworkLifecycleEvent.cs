namespace WebVirt.Libvirt.Networks;

// Values of virNetworkEventLifecycleType.
public enum NetworkLifecycleEventType
{
    Defined = 0,
    Undefined = 1,
    Started = 2,
    Stopped = 3,
}

public sealed record NetworkLifecycleEvent(string Name, string Uuid, NetworkLifecycleEventType Event, int Detail);
