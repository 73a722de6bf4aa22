using System.Globalization;
using System.Xml.Linq;

namespace WebVirt.Domain.Definition;

/// <summary>
/// WebVirt's record of how a guest was made, kept in the domain's &lt;metadata&gt; so it travels
/// with the guest (migration, backup of the XML) and survives a lost database.
/// </summary>
public sealed record WebVirtMetadata(
    string SourceKind,
    string? OsVariant,
    string? CreatedBy,
    DateTimeOffset CreatedAt,
    string? Description,
    bool IsTemplate,
    string? ClonedFrom = null,
    CloudInitDefaults? CloudInit = null)
{
    public const string NamespaceUri = "https://webvirt.dev/xmlns/guest/1.0";

    /// <summary>The prefix libvirt's virDomainSetMetadata needs alongside <see cref="NamespaceUri"/>.</summary>
    public const string Prefix = "webvirt";

    public static readonly XNamespace Ns = NamespaceUri;

    public XElement ToElement()
    {
        var guest = new XElement(
            Ns + "guest",
            new XAttribute(XNamespace.Xmlns + Prefix, NamespaceUri),
            new XElement(Ns + "source", new XAttribute("kind", SourceKind)),
            new XElement(Ns + "created", new XAttribute("at", CreatedAt.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture))),
            new XElement(Ns + "template", IsTemplate ? "true" : "false"));
        if (OsVariant is not null)
        {
            guest.Element(Ns + "source")!.Add(new XAttribute("os-variant", OsVariant));
        }

        if (CreatedBy is not null)
        {
            guest.Element(Ns + "created")!.Add(new XAttribute("by", CreatedBy));
        }

        if (Description is not null)
        {
            guest.Add(new XElement(Ns + "description", Description));
        }

        if (ClonedFrom is not null)
        {
            guest.Add(new XElement(Ns + "cloned-from", ClonedFrom));
        }

        if (CloudInit is not null)
        {
            guest.Add(CloudInit.ToElement());
        }

        return guest;
    }

    /// <summary>Reads the record from a whole domain XML; null when the guest has none.</summary>
    public static WebVirtMetadata? Read(string domainXml) => Read(XDocument.Parse(domainXml));

    public static WebVirtMetadata? Read(XDocument domain)
    {
        XElement? guest = domain.Root?.Element("metadata")?.Element(Ns + "guest");
        if (guest is null)
        {
            return null;
        }

        XElement? source = guest.Element(Ns + "source");
        XElement? created = guest.Element(Ns + "created");
        string? at = (string?)created?.Attribute("at");
        return new WebVirtMetadata(
            (string?)source?.Attribute("kind") ?? "unknown",
            (string?)source?.Attribute("os-variant"),
            (string?)created?.Attribute("by"),
            at is null ? DateTimeOffset.MinValue : DateTimeOffset.Parse(at, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
            (string?)guest.Element(Ns + "description"),
            (string?)guest.Element(Ns + "template") == "true",
            (string?)guest.Element(Ns + "cloned-from"),
            CloudInitDefaults.Read(guest));
    }

    /// <summary>Replaces (or adds) the WebVirt element in <paramref name="domain"/>, leaving other metadata alone.</summary>
    public void WriteTo(XDocument domain)
    {
        XElement root = domain.Root ?? throw new ArgumentException("empty domain XML", nameof(domain));
        XElement? metadata = root.Element("metadata");
        if (metadata is null)
        {
            metadata = new XElement("metadata");
            AddMetadataInSchemaOrder(root, metadata);
        }

        metadata.Elements(Ns + "guest").Remove();
        metadata.Add(ToElement());
    }

    /// <summary>Marks or unmarks a guest as template in its domain XML.</summary>
    public static string WithTemplateFlag(string domainXml, bool isTemplate)
    {
        XDocument domain = XDocument.Parse(domainXml);
        WebVirtMetadata current = Read(domain) ?? new WebVirtMetadata("unknown", null, null, DateTimeOffset.UtcNow, null, false);
        (current with { IsTemplate = isTemplate }).WriteTo(domain);
        return domain.ToString(SaveOptions.DisableFormatting);
    }

    // libvirt's schema wants <metadata> after name/uuid/genid/title/description.
    private static void AddMetadataInSchemaOrder(XElement root, XElement metadata)
    {
        XElement? anchor = root.Elements().LastOrDefault(e => e.Name.LocalName is "name" or "uuid" or "genid" or "title" or "description");
        if (anchor is null)
        {
            root.AddFirst(metadata);
        }
        else
        {
            anchor.AddAfterSelf(metadata);
        }
    }
}
