namespace WebVirt.Libvirt.Domains;

// Values of virDomainInterfaceAddressesSource: where libvirt learns a guest's addresses.
public enum InterfaceAddressSource : uint
{
    Lease = 0,
    Agent = 1,
    Arp = 2,
}
