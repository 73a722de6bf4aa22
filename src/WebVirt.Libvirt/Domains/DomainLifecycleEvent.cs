namespace WebVirt.Libvirt.Domains;

public sealed record DomainLifecycleEvent(string Name, string Uuid, DomainLifecycleEventType Event, int Detail)
{
    public string EventName => LifecycleNames.EventName(Event);

    public string DetailName => LifecycleNames.DetailName(Event, Detail);
}
