using System.Collections.Concurrent;
using System.Xml;
using System.Xml.Linq;
using WebVirt.Contracts;

namespace WebVirt.Web.Tests.Infrastructure;

/// <summary>
/// The guest page's agent side, from memory: details and XML per guest, and every change asked
/// (notes and history are the web's own). XML that does not parse, or that contains <see cref="RefusedXmlMarker"/>, is refused
/// as libvirt would refuse an invalid definition, with a message in its style.
/// </summary>
public sealed class FakeGuestPageState
{
    public ConcurrentDictionary<string, GuestDetails> Details { get; } = new(StringComparer.OrdinalIgnoreCase);

    public ConcurrentDictionary<string, GuestXml> Xml { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>What the guest agent of each guest answers; a guest without an entry has no agent connected.</summary>
    public ConcurrentDictionary<string, GuestAgentReport> AgentReports { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>How often each guest's agent was asked.</summary>
    public ConcurrentDictionary<string, int> AgentAsked { get; } = new(StringComparer.OrdinalIgnoreCase);

    public ConcurrentQueue<(string Uuid, string Xml)> XmlSaved { get; } = new();

    /// <summary>Text whose presence in an edited XML makes the fake refuse it, as libvirt refuses an unsupported element.</summary>
    public string RefusedXmlMarker { get; set; } = "<unsupported-device";

    public void Add(GuestDetails details, string persistentXml, string? liveXml = null)
    {
        Details[details.Guest.Uuid] = details;
        Xml[details.Guest.Uuid] = new GuestXml(liveXml, persistentXml);
    }

    /// <summary>Why libvirt would refuse <paramref name="xml"/>, or null when it would take it.</summary>
    public string? Refusal(string xml)
    {
        try
        {
            XDocument.Parse(xml);
        }
        catch (XmlException ex)
        {
            return "XML error: " + ex.Message;
        }

        return xml.Contains(RefusedXmlMarker, StringComparison.Ordinal)
            ? "XML document failed to validate against schema: Extra element devices in interleave"
            : null;
    }

    /// <summary>A unified-style diff good enough for a page to colour: removed lines, then added ones.</summary>
    public static string Diff(string before, string after)
    {
        var old = before.Split('\n');
        var edited = after.Split('\n');
        var removed = old.Except(edited, StringComparer.Ordinal).Select(line => "-" + line);
        var added = edited.Except(old, StringComparer.Ordinal).Select(line => "+" + line);
        var body = removed.Concat(added).ToList();
        return body.Count == 0 ? "" : string.Join('\n', ["--- persistent", "+++ edited", "@@ -1 +1 @@", .. body]);
    }
}

public sealed partial class FakeAgentState
{
    public FakeGuestPageState GuestPage { get; } = new();
}

public sealed partial class FakeAgentHub
{
    private FakeGuestPageState GuestPage => state.GuestPage;

    public Task<GuestDetails?> GetGuestDetails(string uuid) =>
        Task.FromResult(GuestPage.Details.TryGetValue(uuid, out var details) ? details : null);

    public Task<GuestAgentReport?> GetGuestAgentInfo(string uuid)
    {
        if (!GuestPage.Details.ContainsKey(uuid))
        {
            return Task.FromResult<GuestAgentReport?>(null);
        }

        GuestPage.AgentAsked.AddOrUpdate(uuid, 1, (_, count) => count + 1);
        return Task.FromResult<GuestAgentReport?>(GuestPage.AgentReports.TryGetValue(uuid, out var report)
            ? report
            : GuestAgentReport.Missing(GuestAgentAbsence.NotConnected));
    }

    public Task<GuestXml?> GetGuestXml(string uuid) =>
        Task.FromResult(GuestPage.Xml.TryGetValue(uuid, out var xml) ? xml : null);

    public Task<GuestXmlPreview> PreviewGuestXml(string uuid, string xml)
    {
        if (!GuestPage.Xml.TryGetValue(uuid, out var current))
        {
            return Task.FromResult(new GuestXmlPreview(false, "", ActionResult.Fail("VIR_ERR_NO_DOMAIN", $"Domain not found: no domain with matching uuid '{uuid}'")));
        }

        var refusal = GuestPage.Refusal(xml);
        return Task.FromResult(new GuestXmlPreview(refusal is null, FakeGuestPageState.Diff(current.Persistent, xml), refusal is null ? null : ActionResult.Fail("VIR_ERR_XML_DETAIL", refusal)));
    }

    public Task<ActionResult> SaveGuestXml(string uuid, string xml)
    {
        if (!GuestPage.Xml.TryGetValue(uuid, out var current))
        {
            return Task.FromResult(ActionResult.Fail("VIR_ERR_NO_DOMAIN", $"Domain not found: no domain with matching uuid '{uuid}'"));
        }

        if (GuestPage.Refusal(xml) is { } refusal)
        {
            return Task.FromResult(ActionResult.Fail("VIR_ERR_XML_DETAIL", refusal));
        }

        GuestPage.XmlSaved.Enqueue((uuid, xml));
        GuestPage.Xml[uuid] = current with { Persistent = xml };
        return Task.FromResult(ActionResult.Success);
    }
}
