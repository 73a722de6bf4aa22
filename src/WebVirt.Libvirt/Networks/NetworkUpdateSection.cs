namespace WebVirt.Libvirt.Networks;

// Values of virNetworkUpdateSection: which part of the network XML an update edits.
public enum NetworkUpdateSection : uint
{
    Bridge = 1,
    Domain = 2,
    Ip = 3,
    IpDhcpHost = 4,
    IpDhcpRange = 5,
    Forward = 6,
    ForwardInterface = 7,
    ForwardPf = 8,
    PortGroup = 9,
    DnsHost = 10,
    DnsTxt = 11,
    DnsSrv = 12,
}
