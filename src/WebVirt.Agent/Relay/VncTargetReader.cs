using System.Net;
using System.Xml.Linq;

namespace WebVirt.Agent.Relay;

/// <summary>Reads a guest's VNC display from its live domain XML.</summary>
public static class VncTargetReader
{
    /// <summary>The target, or null and the reason there is none the agent may connect to.</summary>
    public static (VncTarget? Target, string? Problem) Read(string liveXml)
    {
        var graphics = XDocument.Parse(liveXml).Root?.Element("devices")?.Elements("graphics")
            .FirstOrDefault(g => (string?)g.Attribute("type") == "vnc");
        if (graphics is null)
        {
            return (null, "The guest has no VNC display.");
        }

        var password = (string?)graphics.Attribute("passwd");
        var socket = (string?)graphics.Attribute("socket")
            ?? graphics.Elements("listen").Where(l => (string?)l.Attribute("type") == "socket").Select(l => (string?)l.Attribute("socket")).FirstOrDefault();
        if (!string.IsNullOrEmpty(socket))
        {
            return (new VncTarget(IPAddress.Loopback, 0, socket, password), null);
        }

        if (!int.TryParse((string?)graphics.Attribute("port"), out var port) || port <= 0 || port > 65535)
        {
            return (null, "The guest's VNC display has no port yet.");
        }

        var listen = (string?)graphics.Attribute("listen")
            ?? graphics.Elements("listen").Select(l => (string?)l.Attribute("address")).FirstOrDefault(a => a is not null);
        // The agent only ever connects to loopback; a display bound to another address alone is not reachable that way.
        if (!string.IsNullOrEmpty(listen) && !IsLoopbackOrAny(listen))
        {
            return (null, $"The guest's VNC display listens on {listen}, not on loopback.");
        }

        var address = listen is not null && IPAddress.TryParse(listen, out var ip) && ip.Equals(IPAddress.IPv6Loopback)
            ? IPAddress.IPv6Loopback
            : IPAddress.Loopback;
        return (new VncTarget(address, port, null, password), null);
    }

    private static bool IsLoopbackOrAny(string address) =>
        address == "localhost"
        || (IPAddress.TryParse(address, out var ip) && (IPAddress.IsLoopback(ip) || ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any)));
}
