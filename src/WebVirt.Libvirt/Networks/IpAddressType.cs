namespace WebVirt.Libvirt.Networks;

// Values of virIPAddrType.
public enum IpAddressType
{
    IPv4 = 0,
    IPv6 = 1,
}
