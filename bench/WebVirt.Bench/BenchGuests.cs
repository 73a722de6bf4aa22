using System.Xml.Linq;
using WebVirt.Libvirt;
using WebVirt.Testing;

namespace WebVirt.Bench;

/// <summary>Many small defined (never started) guests, removed again whatever happens.</summary>
internal sealed class BenchGuests : IDisposable
{
    private readonly string _uri;
    private readonly List<string> _names = [];

    public BenchGuests(string uri, int count)
    {
        _uri = uri;
        using var connection = LibvirtConnection.Open(uri);
        try
        {
            for (var i = 0; i < count; i++)
            {
                var name = TestRun.GuestName($"bench-{i:D4}");
                using var domain = connection.DefineDomainXml(Xml(name));
                _names.Add(name);
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public IReadOnlyList<string> Names => _names;

    public void Dispose()
    {
        using var connection = LibvirtConnection.Open(_uri);
        foreach (var name in _names)
        {
            try
            {
                using var domain = connection.LookupDomainByName(name);
                domain.Undefine();
            }
            catch (LibvirtException ex) when (ex.Code == LibvirtErrorCodes.NoDomain)
            {
            }
        }

        _names.Clear();
    }

    private static string Xml(string name) =>
        new XElement(
            "domain",
            new XAttribute("type", "qemu"),
            new XElement("name", name),
            new XElement("memory", new XAttribute("unit", "MiB"), 64),
            new XElement("vcpu", 1),
            new XElement("os", new XElement("type", new XAttribute("arch", "x86_64"), new XAttribute("machine", "pc"), "hvm"))).ToString();
}
