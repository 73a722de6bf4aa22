using System.Xml.Linq;
using WebVirt.Domain.Guests;
using WebVirt.Domain.Validation;

namespace WebVirt.Domain.Devices;

/// <summary>
/// A network card with a new source and model and everything else kept (MAC, PCI address, link
/// state), for virDomainUpdateDeviceFlags. The MAC identifies the card, so it never changes here.
/// </summary>
public static class NicUpdate
{
    public static ValidationResult<XElement> Build(string domainXml, string mac, NicAttachSpec spec, HostLimits host)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(host);
        ValidationResult<XElement> found = DeviceRemoval.Nic(domainXml, mac);
        var problems = new List<ValidationProblem>(found.Problems);
        if (spec.Network is GuestNetwork.None)
        {
            problems.Add(ValidationProblem.Create("Nic.Network", ValidationKeys.Required, "Nic.Network"));
        }
        else
        {
            // The MAC stays; only the source and model are checked.
            NicRules.Check(new GuestNic(spec.Network, spec.Model), host, "Nic", problems);
        }

        return ValidationResult<XElement>.From(
            () =>
            {
                XElement nic = found.Value!;
                nic.Elements("source").Remove();
                XElement source = spec.Network switch
                {
                    GuestNetwork.LibvirtNetwork network => new XElement("source", new XAttribute("network", network.Name)),
                    GuestNetwork.Bridge bridge => new XElement("source", new XAttribute("bridge", bridge.Name)),
                    _ => throw new InvalidOperationException("checked above"),
                };
                nic.SetAttributeValue("type", spec.Network is GuestNetwork.Bridge ? "bridge" : "network");
                nic.Element("mac")!.AddAfterSelf(source);
                nic.Elements("model").Remove();
                source.AddAfterSelf(new XElement("model", new XAttribute("type", spec.Model)));
                return nic;
            },
            problems);
    }
}
