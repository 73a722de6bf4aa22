using System.Reflection;

namespace WebVirt.Web.Tests.Architecture;

public sealed class LayerReferenceTests
{
    // The assemblies this test project loads; the agent's and the domain model's are checked through their .csproj.
    private static readonly string[] LoadedAssemblies = ["WebVirt.Web", "WebVirt.Data", "WebVirt.Contracts", "WebVirt.Hosting", "WebVirt.Libvirt", "WebVirt.Logging"];

    [Fact]
    public void Every_source_project_has_a_place_in_the_layers()
    {
        string[] unplaced = [.. RepositorySources.SourceProjects().Keys.Where(p => !ProjectLayers.MayReference.ContainsKey(p)).Order(StringComparer.Ordinal)];

        Assert.True(unplaced.Length == 0, $"Add these projects to ProjectLayers with what they may reference: {string.Join(", ", unplaced)}");
    }

    [Fact]
    public void No_project_references_a_layer_above_it()
    {
        Dictionary<string, IReadOnlyCollection<string>> references = RepositorySources.SourceProjects()
            .ToDictionary(p => p.Key, p => ProjectLayers.ProjectReferences(Path.Combine(p.Value, p.Key + ".csproj")), StringComparer.Ordinal);

        string[] upward = [.. ProjectLayers.Upward(references)];

        Assert.True(upward.Length == 0, $"A layer only calls down; these references go up or sideways:\n{string.Join("\n", upward)}");
    }

    [Fact]
    public void No_built_assembly_references_a_layer_above_it()
    {
        Dictionary<string, IReadOnlyCollection<string>> references = LoadedAssemblies.ToDictionary(
            name => name,
            name => (IReadOnlyCollection<string>)[.. Assembly.Load(name).GetReferencedAssemblies().Select(a => a.Name!)],
            StringComparer.Ordinal);

        string[] upward = [.. ProjectLayers.Upward(references)];

        Assert.True(upward.Length == 0, $"A layer only calls down; these assembly references go up or sideways:\n{string.Join("\n", upward)}");
    }

    [Theory]
    [InlineData("WebVirt.Web", "WebVirt.Agent")]
    [InlineData("WebVirt.Web", "WebVirt.Libvirt")]
    [InlineData("WebVirt.Agent", "WebVirt.Web")]
    [InlineData("WebVirt.Data", "WebVirt.Agent")]
    // Agents hold no database credentials: the store of what they report is the web's alone.
    [InlineData("WebVirt.Agent", "WebVirt.Data")]
    [InlineData("WebVirt.Libvirt", "WebVirt.Domain")]
    [InlineData("WebVirt.Contracts", "WebVirt.Data")]
    [InlineData("WebVirt.NewProject", "WebVirt.Contracts")]
    public void A_reference_up_or_from_an_unplaced_project_is_reported(string from, string to)
    {
        var references = new Dictionary<string, IReadOnlyCollection<string>>(StringComparer.Ordinal) { [from] = [to, "System.Runtime"] };

        Assert.Equal([$"{from} -> {to}"], ProjectLayers.Upward(references));
    }
}
