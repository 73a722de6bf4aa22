using System.Xml;
using System.Xml.Linq;
using WebVirt.Libvirt;

namespace WebVirt.Agent.Networks;

/// <summary>
/// Which guests have a network card on which libvirt network, read from every guest's XML: a
/// network is not stopped or deleted under running guests. (Disks and volumes: VolumeUsage.)
/// </summary>
internal sealed class GuestNetworkUsage
{
    private readonly List<(string Guest, bool Running, string Network)> _networks = [];

    public static GuestNetworkUsage Read(LibvirtConnection connection)
    {
        var usage = new GuestNetworkUsage();
        foreach (var domain in connection.ListAllDomains())
        {
            using (domain)
            {
                try
                {
                    bool running = domain.IsActive();
                    // The running definition shows hot-plugged cards; the persistent one those after a restart.
                    usage.Add(domain.Name, running, XDocument.Parse(domain.GetXmlDesc()).Root!);
                    if (running && domain.IsPersistent())
                    {
                        usage.Add(domain.Name, running, XDocument.Parse(domain.GetXmlDesc(inactive: true)).Root!);
                    }
                }
                catch (LibvirtException ex) when (ex.Code == LibvirtErrorCodes.NoDomain)
                {
                    // Undefined while we looked: it uses nothing any more.
                }
                catch (XmlException)
                {
                    // libvirt always returns well-formed XML; a parse failure leaves this guest out.
                }
            }
        }

        return usage;
    }

    public IReadOnlyList<string> RunningGuestsUsingNetwork(string network) =>
        _networks.Where(n => n.Running && n.Network == network).Select(n => n.Guest).Distinct(StringComparer.Ordinal).ToList();

    private void Add(string guest, bool running, XElement root)
    {
        foreach (var nic in root.Elements("devices").Elements("interface").Where(i => (string?)i.Attribute("type") == "network"))
        {
            if ((string?)nic.Element("source")?.Attribute("network") is { } network)
            {
                _networks.Add((guest, running, network));
            }
        }
    }
}
