using System.Xml.Linq;
using WebVirt.Contracts;
using WebVirt.Domain.Definition;
using WebVirt.Libvirt;

namespace WebVirt.Agent.Provisioning;

/// <summary>A template is a guest kept only to be cloned: it is never started, so its disks stay as they were made.</summary>
internal static class TemplateGuard
{
    public static bool IsTemplate(LibvirtDomain domain) =>
        WebVirtMetadata.Read(domain.GetXmlDesc(inactive: true))?.IsTemplate == true;

    /// <summary>Refuses (<see cref="ErrorCodes.GuestIsTemplate"/>) when <paramref name="domain"/> is a template.</summary>
    public static void ThrowIfTemplate(LibvirtDomain domain)
    {
        if (IsTemplate(domain))
        {
            throw new FailureException(Failure.Of(ErrorCodes.GuestIsTemplate, domain.Name).WithHint(HintKeys.TemplateNotStartable));
        }
    }

    /// <summary>Writes the template flag into the guest's persistent definition (and the live one when it runs).</summary>
    public static void SetTemplate(LibvirtConnection connection, string uuid, bool isTemplate)
    {
        using LibvirtDomain domain = connection.LookupDomainByUuid(uuid);
        if (isTemplate && domain.IsActive())
        {
            throw new LibvirtException(LibvirtErrorCodes.OperationInvalid, 0, $"Shut '{domain.Name}' off before making it a template.");
        }

        string updated = WebVirtMetadata.WithTemplateFlag(domain.GetXmlDesc(inactive: true), isTemplate);
        XElement element = XDocument.Parse(updated).Root!.Element("metadata")!.Element(WebVirtMetadata.Ns + "guest")!;
        // libvirt puts the element into the namespace itself and refuses one that already declares it.
        domain.SetMetadata(DomainMetadataType.Element, WithoutNamespace(element).ToString(SaveOptions.DisableFormatting), WebVirtMetadata.Prefix, WebVirtMetadata.NamespaceUri, DomainModificationImpact.Config);
    }

    private static XElement WithoutNamespace(XElement element) => new(
        element.Name.LocalName,
        element.Attributes().Where(a => !a.IsNamespaceDeclaration).Select(a => new XAttribute(a.Name.LocalName, a.Value)),
        element.Nodes().Select(n => n is XElement child ? WithoutNamespace(child) : n));
}
