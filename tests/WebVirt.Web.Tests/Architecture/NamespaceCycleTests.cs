using System.Xml.Linq;

namespace WebVirt.Web.Tests.Architecture;

public sealed class NamespaceCycleTests
{
    // Cycles that exist and are still to be taken apart; the test fails when one grows, a new one
    // appears, or one is gone (then delete it here), so this list only ever shrinks.
    private static readonly Dictionary<string, string[][]> KnownCycles = new(StringComparer.Ordinal)
    {
    };

    public static TheoryData<string> SourceProjects() => [.. RepositorySources.SourceProjects().Keys.Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(SourceProjects))]
    public void No_namespace_of_a_project_reaches_back_to_itself(string project)
    {
        string directory = RepositorySources.SourceProjects()[project];
        var edges = NamespaceGraph.Build(Read(project, directory), GlobalUsings(project, directory));

        IReadOnlyList<IReadOnlyList<string>> cycles = NamespaceGraph.Cycles(edges);

        string[] found = [.. cycles.Select(c => string.Join(" <-> ", c)).Order(StringComparer.Ordinal)];
        string[] known = [.. (KnownCycles.TryGetValue(project, out string[][]? k) ? k : []).Select(c => string.Join(" <-> ", c)).Order(StringComparer.Ordinal)];
        Assert.True(found.SequenceEqual(known), $"Namespaces that use each other in {project} (known: {known.Length}):\n{string.Join("\n", cycles.Select(c => Describe(c, edges)))}");
    }

    [Fact]
    public void Two_namespaces_that_use_each_others_types_are_a_cycle()
    {
        NamespaceSource[] sources =
        [
            NamespaceGraph.Parse("Hub.cs", "namespace App.Hubs;\npublic sealed class Hub(GuestService guests);", "App"),
            NamespaceGraph.Parse("GuestService.cs", "using App.Hubs;\nnamespace App.Guests;\npublic sealed class GuestService { Hub? _hub; }", "App"),
            NamespaceGraph.Parse("Clock.cs", "namespace App.Time;\npublic sealed class Clock { GuestService? _unused; }", "App"),
        ];

        var edges = NamespaceGraph.Build(sources, []);

        Assert.Equal([["App.Guests", "App.Hubs"]], NamespaceGraph.Cycles(edges));
    }

    [Fact]
    public void Names_in_comments_and_strings_and_parent_namespaces_make_no_cycle()
    {
        NamespaceSource[] sources =
        [
            NamespaceGraph.Parse("Root.cs", "namespace App;\npublic static class Names { const string X = \"Child\"; } // Child", "App"),
            NamespaceGraph.Parse("Child.cs", "namespace App.Parts;\n/* Names */ public sealed class Child { int n = Names.Length; }", "App"),
        ];

        var edges = NamespaceGraph.Build(sources, []);

        Assert.Empty(NamespaceGraph.Cycles(edges));
        Assert.False(edges.ContainsKey("App"));
    }

    [Fact]
    public void A_razor_component_is_in_its_folders_namespace_and_its_tags_count()
    {
        NamespaceSource page = NamespaceGraph.Parse("Components/Pages/Guests.razor", "@using App.Services\n<GuestTable Rows=\"@Rows\" />", "App.Components.Pages");
        NamespaceSource table = NamespaceGraph.Parse("Components/Shared/GuestTable.razor", "<p>@Service</p>\n@code { GuestListService? Service; }", "App.Components.Shared");
        NamespaceSource service = NamespaceGraph.Parse("Services/GuestListService.cs", "namespace App.Services;\npublic sealed class GuestListService { Guests? _page; }", "App.Services");

        var edges = NamespaceGraph.Build([page, table, service], ["App.Components.Shared"]);

        Assert.Equal(["App.Components.Pages", "App.Components.Shared", "App.Services"], Assert.Single(NamespaceGraph.Cycles(edges)));
    }

    private static List<NamespaceSource> Read(string project, string directory) =>
        [.. RepositorySources.Files(directory)
            .Where(path => path.EndsWith(".cs", StringComparison.Ordinal) || path.EndsWith(".razor", StringComparison.Ordinal))
            .Select(path => NamespaceGraph.Parse(path, File.ReadAllText(path), FolderNamespace(project, directory, path)))];

    private static string FolderNamespace(string project, string directory, string path)
    {
        string root = (string?)XDocument.Load(Path.Combine(directory, project + ".csproj")).Descendants("RootNamespace").FirstOrDefault() ?? project;
        string folder = Path.GetRelativePath(directory, Path.GetDirectoryName(path)!);
        return folder == "." ? root : $"{root}.{folder.Replace(Path.DirectorySeparatorChar, '.')}";
    }

    // Namespaces every file sees: the .csproj's <Using> items, global usings and the razor _Imports.
    private static HashSet<string> GlobalUsings(string project, string directory)
    {
        HashSet<string> usings = [.. XDocument.Load(Path.Combine(directory, project + ".csproj")).Descendants("Using")
            .Select(u => (string?)u.Attribute("Include")).OfType<string>()];
        foreach (string path in RepositorySources.Files(directory))
        {
            bool imports = Path.GetFileName(path) == "_Imports.razor";
            foreach (string line in File.ReadLines(path))
            {
                string trimmed = line.Trim();
                if (imports && trimmed.StartsWith("@using ", StringComparison.Ordinal))
                {
                    usings.Add(trimmed["@using ".Length..].Trim());
                }
                else if (trimmed.StartsWith("global using ", StringComparison.Ordinal) && !trimmed.Contains('=', StringComparison.Ordinal))
                {
                    usings.Add(trimmed["global using ".Length..].TrimEnd(';').Trim());
                }
            }
        }

        return usings;
    }

    private static string Describe(IReadOnlyList<string> cycle, IReadOnlyDictionary<string, Dictionary<string, List<string>>> edges) =>
        string.Join("\n", from a in cycle
                          from b in cycle
                          where edges.TryGetValue(a, out var to) && to.ContainsKey(b)
                          select $"  {a} -> {b} ({string.Join(", ", edges[a][b].Distinct().Take(3))})");
}
