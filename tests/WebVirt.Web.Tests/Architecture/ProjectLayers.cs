using System.Xml.Linq;

namespace WebVirt.Web.Tests.Architecture;

/// <summary>
/// Which of our projects each source project may reference: a layer only calls down. The web
/// knows a host only through the contracts and is the only client of the store of what agents
/// report (the agent has no database); the domain model and interop sit below the agent; the
/// contracts, interop, logging and hosting know nothing of ours.
/// </summary>
internal static class ProjectLayers
{
    public const string Prefix = "WebVirt.";

    public static readonly IReadOnlyDictionary<string, string[]> MayReference = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["WebVirt.Contracts"] = [],
        ["WebVirt.Libvirt"] = [],
        ["WebVirt.Logging"] = [],
        ["WebVirt.Hosting"] = [],
        ["WebVirt.Domain"] = ["WebVirt.Libvirt"],
        ["WebVirt.Data"] = ["WebVirt.Contracts"],
        ["WebVirt.Agent"] = ["WebVirt.Contracts", "WebVirt.Domain", "WebVirt.Hosting", "WebVirt.Libvirt", "WebVirt.Logging"],
        ["WebVirt.Web"] = ["WebVirt.Contracts", "WebVirt.Data", "WebVirt.Domain", "WebVirt.Hosting", "WebVirt.Logging"],
    };

    /// <summary>The references among <paramref name="references"/> that the table does not allow, as "from -> to".</summary>
    public static IEnumerable<string> Upward(IReadOnlyDictionary<string, IReadOnlyCollection<string>> references) =>
        from project in references
        from target in project.Value
        where target.StartsWith(Prefix, StringComparison.Ordinal)
        where !MayReference.TryGetValue(project.Key, out string[]? allowed) || !allowed.Contains(target, StringComparer.Ordinal)
        orderby project.Key, target
        select $"{project.Key} -> {target}";

    /// <summary>The project names a .csproj references with ProjectReference.</summary>
    public static IReadOnlyCollection<string> ProjectReferences(string csprojPath) =>
        [.. XDocument.Load(csprojPath).Descendants("ProjectReference")
            .Select(r => Path.GetFileNameWithoutExtension(((string?)r.Attribute("Include") ?? string.Empty).Replace('\\', '/')))];
}
