using System.Xml.Linq;

namespace WebVirt.Domain.GuestPage;

/// <summary>
/// The guest agent's virtio channel in a domain XML. In the live XML libvirt marks its target
/// state='connected' once an agent in the guest opened the port (QEMU's VSERPORT_CHANGE), and
/// 'disconnected' when it closed it or never did.
/// </summary>
public static class GuestAgentChannel
{
    public const string PortName = "org.qemu.guest_agent.0";

    public static GuestAgentChannelState Read(string domainXml)
    {
        XElement? target = XDocument.Parse(domainXml).Root?.Element("devices")?.Elements("channel")
            .Select(channel => channel.Element("target"))
            .FirstOrDefault(t => (string?)t?.Attribute("type") == "virtio" && (string?)t.Attribute("name") == PortName);
        return target is null
            ? GuestAgentChannelState.Absent
            : (string?)target.Attribute("state") == "connected" ? GuestAgentChannelState.Connected : GuestAgentChannelState.Disconnected;
    }
}

public enum GuestAgentChannelState
{
    Absent,
    Disconnected,
    Connected,
}
