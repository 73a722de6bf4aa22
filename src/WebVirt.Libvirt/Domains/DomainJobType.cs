namespace WebVirt.Libvirt.Domains;

// Values of virDomainJobType.
public enum DomainJobType
{
    None = 0,
    Bounded = 1,
    Unbounded = 2,
    Completed = 3,
    Failed = 4,
    Cancelled = 5,
}
