using System.Xml.Linq;

namespace WebVirt.Testing;

/// <summary>
/// Whether a program's build output still matches its sources. The tests start the agent and the web from
/// src/*/bin (<see cref="AppProcess"/>), which no test project builds: after a merge or an edit, a build of only
/// the test project ran the new tests against the old programs. That once made a cancelled migration end
/// "Failed" in an E2E run, because the agent in bin predated the Cancelled state, and it read as a flaky test.
/// </summary>
public static class BuildFreshness
{
    /// <summary>The files that are compiled into a project's assembly: one newer than the assembly means a build is due.</summary>
    private static readonly string[] s_compiled = [".cs", ".razor", ".cshtml", ".resx", ".csproj"];

    /// <summary>
    /// Null when every project's assembly in <paramref name="outputDirectory"/> (the project of
    /// <paramref name="projectFile"/> and the projects it references, all the way down) is at least as new as each
    /// file compiled into it; else which source is newer than which assembly.
    /// </summary>
    public static string? StaleReason(string projectFile, string outputDirectory)
    {
        foreach (var project in WithReferences(Path.GetFullPath(projectFile)))
        {
            var assembly = Path.Combine(outputDirectory, Path.GetFileNameWithoutExtension(project) + ".dll");
            if (!File.Exists(assembly))
            {
                return $"{Path.GetFileName(assembly)} is missing from {outputDirectory}";
            }

            var built = File.GetLastWriteTimeUtc(assembly);
            if (NewestSource(Path.GetDirectoryName(project)!) is { } source && File.GetLastWriteTimeUtc(source) > built)
            {
                return $"{source} is newer than {assembly} (built {built:u})";
            }
        }

        return null;
    }

    private static List<string> WithReferences(string projectFile)
    {
        var found = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([projectFile]);
        while (pending.TryPop(out var project))
        {
            if (!seen.Add(project))
            {
                continue;
            }

            found.Add(project);
            var directory = Path.GetDirectoryName(project)!;
            foreach (var reference in XDocument.Load(project).Descendants("ProjectReference"))
            {
                // A reference for build order only (an analyzer, a tool) puts no assembly beside the program.
                if (reference.Attribute("Include")?.Value is { Length: > 0 } include
                    && !string.Equals(reference.Attribute("ReferenceOutputAssembly")?.Value, "false", StringComparison.OrdinalIgnoreCase))
                {
                    pending.Push(Path.GetFullPath(Path.Combine(directory, include.Replace('\\', Path.DirectorySeparatorChar))));
                }
            }
        }

        return found;
    }

    private static string? NewestSource(string projectDirectory)
    {
        string? newest = null;
        var newestTime = DateTime.MinValue;
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true };
        foreach (var file in Directory.EnumerateFiles(projectDirectory, "*", options))
        {
            if (!s_compiled.Contains(Path.GetExtension(file), StringComparer.Ordinal) || InBuildFolder(projectDirectory, file))
            {
                continue;
            }

            var time = File.GetLastWriteTimeUtc(file);
            if (time > newestTime)
            {
                (newest, newestTime) = (file, time);
            }
        }

        return newest;
    }

    /// <summary>bin and obj hold what a build wrote (generated sources among it), not what it reads.</summary>
    private static bool InBuildFolder(string projectDirectory, string file)
    {
        var first = Path.GetRelativePath(projectDirectory, file).Split(Path.DirectorySeparatorChar)[0];
        return first is "bin" or "obj";
    }
}
