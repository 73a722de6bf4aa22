using System.Xml;
using System.Xml.Linq;
using WebVirt.Libvirt;

namespace WebVirt.Agent.Resources;

/// <summary>
/// Which defined guests name which disks and networks, read from every guest's XML. Pools,
/// volumes and networks are refused deletion on this, since libvirt itself would let a volume
/// under a defined guest be deleted and leave the guest unbootable.
/// </summary>
internal sealed class GuestUsage
{
    private readonly List<(string Guest, bool Running, string Path)> _diskPaths = [];
    private readonly List<(string Guest, bool Running, string Pool, string Volume)> _poolVolumes = [];
    private readonly List<(string Guest, bool Running, string Network)> _networks = [];

    public static GuestUsage Read(LibvirtConnection connection)
    {
        var usage = new GuestUsage();
        foreach (var domain in connection.ListAllDomains())
        {
            using (domain)
            {
                XElement root;
                bool running;
                try
                {
                    running = domain.IsActive();
                    // The running definition shows hot-plugged disks; the persistent one those after a restart.
                    root = XDocument.Parse(domain.GetXmlDesc()).Root!;
                    usage.Add(domain.Name, running, root);
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

    public IReadOnlyList<string> GuestsUsingPath(string path) =>
        _diskPaths.Where(d => d.Path == path).Select(d => d.Guest).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>Guests with a disk inside <paramref name="targetPath"/> or naming the pool as a volume source.</summary>
    public IReadOnlyList<string> GuestsUsingPool(string pool, string targetPath)
    {
        string prefix = targetPath.TrimEnd('/') + "/";
        return _diskPaths.Where(d => d.Path.StartsWith(prefix, StringComparison.Ordinal)).Select(d => d.Guest)
            .Concat(_poolVolumes.Where(v => v.Pool == pool).Select(v => v.Guest))
            .Distinct(StringComparer.Ordinal).ToList();
    }

    public IReadOnlyList<string> GuestsUsingVolume(string pool, string volume, string path) =>
        _diskPaths.Where(d => d.Path == path).Select(d => d.Guest)
            .Concat(_poolVolumes.Where(v => v.Pool == pool && v.Volume == volume).Select(v => v.Guest))
            .Distinct(StringComparer.Ordinal).ToList();

    public IReadOnlyList<string> RunningGuestsUsingVolume(string pool, string volume, string path) =>
        _diskPaths.Where(d => d.Running && d.Path == path).Select(d => d.Guest)
            .Concat(_poolVolumes.Where(v => v.Running && v.Pool == pool && v.Volume == volume).Select(v => v.Guest))
            .Distinct(StringComparer.Ordinal).ToList();

    public IReadOnlyList<string> RunningGuestsUsingNetwork(string network) =>
        _networks.Where(n => n.Running && n.Network == network).Select(n => n.Guest).Distinct(StringComparer.Ordinal).ToList();

    private void Add(string guest, bool running, XElement root)
    {
        foreach (var source in root.Elements("devices").Elements("disk").Elements("source"))
        {
            if (((string?)source.Attribute("file") ?? (string?)source.Attribute("dev")) is { Length: > 0 } path)
            {
                _diskPaths.Add((guest, running, path));
            }

            if ((string?)source.Attribute("pool") is { } pool && (string?)source.Attribute("volume") is { } volume)
            {
                _poolVolumes.Add((guest, running, pool, volume));
            }
        }

        foreach (var nic in root.Elements("devices").Elements("interface").Where(i => (string?)i.Attribute("type") == "network"))
        {
            if ((string?)nic.Element("source")?.Attribute("network") is { } network)
            {
                _networks.Add((guest, running, network));
            }
        }
    }
}
