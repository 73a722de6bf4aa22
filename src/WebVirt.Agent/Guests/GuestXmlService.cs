using System.Xml;
using WebVirt.Agent.Inventory;
using WebVirt.Agent.Failures;
using WebVirt.Agent.Session;
using WebVirt.Contracts;
using WebVirt.Domain.Devices;
using WebVirt.Domain.GuestPage;
using WebVirt.Domain.Validation;
using WebVirt.Libvirt;

namespace WebVirt.Agent.Guests;

/// <summary>
/// The raw XML card: shows the live and persistent definitions, previews an edit as a diff with
/// libvirt's schema verdict, and saves it with VIR_DOMAIN_DEFINE_VALIDATE so libvirt, not the
/// agent, has the last word. Never asks for the secure XML, so VNC passwords stay out of it.
/// </summary>
internal sealed partial class GuestXmlService(LibvirtSession session, InventoryService inventory, DomainSchemaCheck schema, ILogger<GuestXmlService> logger)
{
    public async Task<GuestXml?> GetAsync(string uuid, CancellationToken ct) =>
        UuidRules.Normalize(uuid) is { } key ? await session.RunAsync(c => Read(c, key), ct) : null;

    public async Task<GuestXmlPreview> PreviewAsync(string uuid, string? xml, CancellationToken ct)
    {
        GuestXml? current = await GetAsync(uuid, ct);
        if (current is null)
        {
            return new GuestXmlPreview(false, string.Empty, GuestPageService.Missing(uuid));
        }

        var identity = GuestXmlIdentityRules.Check(current.Persistent, xml);
        if (identity.Value is not { } same)
        {
            return new GuestXmlPreview(false, DiffOrEmpty(current.Persistent, xml), Refusals.Refused(identity.Problems));
        }

        string diff = XmlDiff.Unified(current.Persistent, same.Xml, "persistent", "edited");
        SchemaVerdict verdict = await schema.CheckAsync(same.Xml, ct);
        return new GuestXmlPreview(verdict.Valid, diff, verdict.Failure is { } failure ? ActionResult.Fail(failure) : null);
    }

    public async Task<ActionResult> SaveAsync(string uuid, string? xml, CancellationToken ct)
    {
        GuestXml? current = await GetAsync(uuid, ct);
        if (current is null)
        {
            return GuestPageService.Missing(uuid);
        }

        var identity = GuestXmlIdentityRules.Check(current.Persistent, xml);
        if (identity.Value is not { } same)
        {
            return Refusals.Refused(identity.Problems);
        }

        string key = same.Uuid.ToString("D");
        // libvirt's refusal escapes to the hub's failure filter, which returns it with its message.
        await session.RunAsync(c => { using LibvirtDomain _ = c.DefineDomainXml(same.Xml, DomainDefineFlags.Validate); }, ct);
        Log.Saved(logger, key, same.Name);
        await inventory.RefreshGuestAsync(key, ct);
        return ActionResult.Success;
    }

    private static GuestXml? Read(LibvirtConnection connection, string key)
    {
        try
        {
            using LibvirtDomain domain = connection.LookupDomainByUuid(key);
            string persistent = domain.GetXmlDesc(inactive: true);
            return new GuestXml(domain.IsActive() ? domain.GetXmlDesc() : null, persistent);
        }
        catch (LibvirtException ex) when (ex.Code == LibvirtErrorCodes.NoDomain)
        {
            return null;
        }
    }

    // A refused edit still shows what it would change, when it can be read at all.
    private static string DiffOrEmpty(string persistent, string? edited)
    {
        try
        {
            return edited is null ? string.Empty : XmlDiff.Unified(persistent, edited, "persistent", "edited");
        }
        catch (XmlException)
        {
            return string.Empty;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 9304, Level = LogLevel.Information, Message = "Guest {Uuid} ({Name}): persistent XML redefined from the XML editor")]
        public static partial void Saved(ILogger logger, string uuid, string name);
    }
}
