using WebVirt.Testing;

namespace WebVirt.Web.Tests.Architecture;

/// <summary>The repository's own sources as the architecture tests read them: no build output, no vendored files.</summary>
internal static class RepositorySources
{
    public static readonly string[] SourceRoots = ["src", "tests", "bench"];

    private static readonly string[] SourceExtensions = [".cs", ".razor", ".cshtml", ".js", ".css"];

    private static readonly string[] SkippedDirectories = ["bin", "obj", "node_modules"];

    public static string Root { get; } = RepositoryRoot.Find();

    /// <summary>Source files under <paramref name="directory"/>: code we write, so not build output or vendored libraries.</summary>
    public static IEnumerable<string> Files(string directory) =>
        Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .Where(path => SourceExtensions.Contains(Path.GetExtension(path), StringComparer.Ordinal))
            .Where(path => !IsSkipped(Path.GetRelativePath(directory, path)));

    /// <summary>The projects under src/, by name (the .csproj's file name), with their directory.</summary>
    public static IReadOnlyDictionary<string, string> SourceProjects() =>
        Directory.EnumerateFiles(Path.Combine(Root, "src"), "*.csproj", SearchOption.AllDirectories)
            .ToDictionary(path => Path.GetFileNameWithoutExtension(path), path => Path.GetDirectoryName(path)!, StringComparer.Ordinal);

    public static string Relative(string path) => Path.GetRelativePath(Root, path).Replace('\\', '/');

    private static bool IsSkipped(string relative)
    {
        string[] parts = relative.Split(Path.DirectorySeparatorChar);
        if (parts.Any(p => SkippedDirectories.Contains(p, StringComparer.Ordinal)))
        {
            return true;
        }

        // noVNC and xterm.js are copied from npm into wwwroot/lib; they are not ours to split.
        if (relative.Replace('\\', '/').Contains("wwwroot/lib/", StringComparison.Ordinal))
        {
            return true;
        }

        // EF Core writes the migration designer files and the model snapshot; nobody edits them.
        string name = parts[^1];
        return parts.Contains("Migrations", StringComparer.Ordinal)
            && (name.EndsWith(".Designer.cs", StringComparison.Ordinal) || name.EndsWith("ModelSnapshot.cs", StringComparison.Ordinal));
    }
}
