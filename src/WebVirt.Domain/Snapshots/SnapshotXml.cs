using System.Globalization;
using System.Xml.Linq;
using WebVirt.Domain.Validation;

namespace WebVirt.Domain.Snapshots;

/// <summary>
/// Internal (qcow2) snapshot XML for virDomainSnapshotCreateXML, checked against the guest first,
/// and the reading of libvirt's snapshot XML. Text goes in through XElement, so XML
/// metacharacters in a description are escaped, never interpreted.
/// </summary>
public static class SnapshotXml
{
    /// <param name="domainXml">The guest's XML as it runs now (its live XML when active).</param>
    /// <param name="existing">Names of the guest's snapshots.</param>
    public static ValidationResult<string> Build(string domainXml, SnapshotSpec spec, bool guestIsActive, IReadOnlyCollection<string> existing)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(existing);
        var problems = new List<ValidationProblem>();
        if (NameRules.CheckIdentifier(spec.Name, "Name", problems) && existing.Contains(spec.Name!, StringComparer.Ordinal))
        {
            problems.Add(ValidationProblem.Create("Name", ValidationKeys.SnapshotNameDuplicate, spec.Name));
        }

        TextRules.Check(spec.Description, "Description", TextRules.MaxDescriptionLength, allowLineBreaks: true, problems);
        if (guestIsActive && !spec.IncludeMemory)
        {
            // libvirt: "internal snapshot of a running VM must include the memory state".
            problems.Add(ValidationProblem.Create("IncludeMemory", ValidationKeys.SnapshotRunningNeedsMemory));
        }

        XDocument? domain = Devices.DomainDocument.Parse(domainXml, problems);
        if (domain is not null)
        {
            CheckDisks(domain, problems);
        }

        return ValidationResult<string>.From(
            () => new XElement(
                "domainsnapshot",
                new XElement("name", spec.Name),
                string.IsNullOrEmpty(spec.Description) ? null : new XElement("description", spec.Description),
                guestIsActive ? new XElement("memory", new XAttribute("snapshot", "internal")) : null).ToString(),
            problems);
    }

    /// <summary>Refuses a name the guest has no snapshot of (revert, delete).</summary>
    public static ValidationResult<string> CheckExisting(string name, IReadOnlyCollection<string> existing)
    {
        ArgumentNullException.ThrowIfNull(existing);
        var problems = new List<ValidationProblem>();
        if (name is null || !existing.Contains(name, StringComparer.Ordinal))
        {
            problems.Add(ValidationProblem.Create("Name", ValidationKeys.SnapshotUnknown, PoolPathRules.Printable(name ?? string.Empty)));
        }

        return ValidationResult<string>.From(() => name!, problems);
    }

    public static SnapshotView Read(string snapshotXml)
    {
        XElement root = XDocument.Parse(snapshotXml).Root is { Name.LocalName: "domainsnapshot" } r
            ? r
            : throw new ArgumentException("not a domainsnapshot XML", nameof(snapshotXml));
        string state = (string?)root.Element("state") ?? string.Empty;
        string? memory = (string?)root.Element("memory")?.Attribute("snapshot");
        long seconds = long.TryParse((string?)root.Element("creationTime"), NumberStyles.None, CultureInfo.InvariantCulture, out long s) ? s : 0;
        return new SnapshotView(
            (string?)root.Element("name") ?? string.Empty,
            (string?)root.Element("description"),
            DateTimeOffset.FromUnixTimeSeconds(seconds),
            state,
            (string?)root.Element("parent")?.Element("name"),
            memory is "internal" or "external" || (memory is null && state is "running" or "paused"));
    }

    private static void CheckDisks(XDocument domain, List<ValidationProblem> problems)
    {
        var writable = domain.Root!.Element("devices")?.Elements("disk")
            .Where(d => ((string?)d.Attribute("device") ?? "disk") == "disk" && d.Element("readonly") is null && d.Element("shareable") is null)
            .ToList() ?? [];
        foreach (XElement disk in writable.Where(d => (string?)d.Element("driver")?.Attribute("type") != "qcow2"))
        {
            problems.Add(ValidationProblem.Create(
                "Disks",
                ValidationKeys.SnapshotRawDisk,
                (string?)disk.Element("target")?.Attribute("dev") ?? "?",
                (string?)disk.Element("driver")?.Attribute("type") ?? "raw"));
        }

        if (writable.Count == 0)
        {
            problems.Add(ValidationProblem.Create("Disks", ValidationKeys.SnapshotNoDisk));
        }
    }
}
