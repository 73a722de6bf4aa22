using System.Text.RegularExpressions;

namespace WebVirt.Web.Tests.Architecture;

/// <summary>One source file as the namespace graph sees it.</summary>
internal sealed record NamespaceSource(string Path, string Namespace, IReadOnlySet<string> DeclaredTypes, IReadOnlySet<string> Usings, IReadOnlySet<string> Names);

/// <summary>
/// Which namespace of a project uses which, read from the sources: a file depends on the namespace
/// that declares a type it names. A name declared in several namespaces counts only when the file's
/// own namespace, its parents or its usings leave exactly one of them. Roslyn would be exact; this
/// reads what a reviewer reads, and the tests below show that it finds what it must.
/// </summary>
internal static partial class NamespaceGraph
{
    /// <summary>Reads a .cs or .razor file; a .razor file without @namespace is in its folder's namespace.</summary>
    public static NamespaceSource Parse(string path, string code, string folderNamespace)
    {
        string bare = Literals().Replace(code, " ");
        string ns = Namespace().Match(bare) is { Success: true } m ? m.Groups[1].Value : folderNamespace;
        HashSet<string> declared = [.. TypeDeclaration().Matches(bare).Select(d => d.Groups[1].Value)];
        if (path.EndsWith(".razor", StringComparison.Ordinal))
        {
            declared.Add(System.IO.Path.GetFileNameWithoutExtension(path));
        }

        HashSet<string> usings = [.. Using().Matches(bare).Select(u => u.Groups[1].Value)];
        string body = Directive().Replace(bare, " ");
        HashSet<string> names = [.. TypeName().Matches(body).Select(i => i.Groups[1].Success ? i.Groups[1].Value : i.Groups[2].Value)];
        return new NamespaceSource(path, ns, declared, usings, names);
    }

    /// <summary>Edges "from namespace" → "to namespace" → the files and type names that make them.</summary>
    public static IReadOnlyDictionary<string, Dictionary<string, List<string>>> Build(IReadOnlyCollection<NamespaceSource> sources, IReadOnlyCollection<string> globalUsings)
    {
        Dictionary<string, HashSet<string>> declaredIn = new(StringComparer.Ordinal);
        foreach (NamespaceSource source in sources)
        {
            foreach (string type in source.DeclaredTypes)
            {
                (declaredIn.TryGetValue(type, out HashSet<string>? set) ? set : declaredIn[type] = new(StringComparer.Ordinal)).Add(source.Namespace);
            }
        }

        var edges = new Dictionary<string, Dictionary<string, List<string>>>(StringComparer.Ordinal);
        foreach (NamespaceSource source in sources)
        {
            foreach (string name in source.Names.Where(n => !source.DeclaredTypes.Contains(n)))
            {
                if (declaredIn.TryGetValue(name, out HashSet<string>? candidates)
                    && Resolve(candidates, source, globalUsings) is { } target
                    && target != source.Namespace
                    && !source.Namespace.StartsWith(target + ".", StringComparison.Ordinal))
                {
                    Dictionary<string, List<string>> from = edges.TryGetValue(source.Namespace, out var f) ? f : edges[source.Namespace] = new(StringComparer.Ordinal);
                    (from.TryGetValue(target, out List<string>? why) ? why : from[target] = []).Add($"{System.IO.Path.GetFileName(source.Path)} uses {name}");
                }
            }
        }

        return edges;
    }

    /// <summary>Every set of namespaces that reach each other (strongly connected, more than one), sorted.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Cycles(IReadOnlyDictionary<string, Dictionary<string, List<string>>> edges)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var low = new Dictionary<string, int>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var onStack = new HashSet<string>(StringComparer.Ordinal);
        var cycles = new List<IReadOnlyList<string>>();

        void Visit(string node)
        {
            index[node] = low[node] = index.Count;
            stack.Push(node);
            onStack.Add(node);
            foreach (string next in edges.TryGetValue(node, out var to) ? to.Keys : Enumerable.Empty<string>())
            {
                if (!index.TryGetValue(next, out int nextIndex))
                {
                    Visit(next);
                    low[node] = Math.Min(low[node], low[next]);
                }
                else if (onStack.Contains(next))
                {
                    low[node] = Math.Min(low[node], nextIndex);
                }
            }

            if (low[node] == index[node])
            {
                var component = new List<string>();
                string member;
                do
                {
                    member = stack.Pop();
                    onStack.Remove(member);
                    component.Add(member);
                }
                while (member != node);
                if (component.Count > 1)
                {
                    cycles.Add([.. component.Order(StringComparer.Ordinal)]);
                }
            }
        }

        foreach (string node in edges.Keys.Order(StringComparer.Ordinal).Where(n => !index.ContainsKey(n)))
        {
            Visit(node);
        }

        return cycles;
    }

    private static string? Resolve(HashSet<string> candidates, NamespaceSource source, IReadOnlyCollection<string> globalUsings)
    {
        if (candidates.Count == 1)
        {
            return candidates.First();
        }

        string[] visible = [.. candidates.Where(c =>
            c == source.Namespace || source.Namespace.StartsWith(c + ".", StringComparison.Ordinal) || source.Usings.Contains(c) || globalUsings.Contains(c))];
        return visible.Length == 1 ? visible[0] : null;
    }

    // Comments, strings and characters, left to right so a "//" inside a string is not a comment.
    [GeneratedRegex("""//[^\n]*|/\*[\s\S]*?\*/|@\*[\s\S]*?\*@|""\"[\s\S]*?""\"|@"(?:[^"]|"")*"|\$?"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)+'""")]
    private static partial Regex Literals();

    [GeneratedRegex(@"^\s*@?namespace\s+([\w.]+)", RegexOptions.Multiline)]
    private static partial Regex Namespace();

    [GeneratedRegex(@"^\s*@?(?:global\s+)?using\s+(?:static\s+)?([\w.]+)\s*;?\s*$", RegexOptions.Multiline)]
    private static partial Regex Using();

    [GeneratedRegex(@"^\s*@?(?:global\s+)?(?:using|namespace)\b[^\n]*$", RegexOptions.Multiline)]
    private static partial Regex Directive();

    // Our types are PascalCase; "record with { }" on a variable named record is not a declaration.
    [GeneratedRegex(@"\b(?:class|struct|interface|enum|record)\s+(?:(?:class|struct)\s+)?(?!with\b)([A-Z]\w*)")]
    private static partial Regex TypeDeclaration();

    // A name used as a type: not a member (".Name"), not a method call ("Name(") unless constructed ("new Name(").
    [GeneratedRegex(@"(?<![\w.])(?:(?<=\bnew\s+)([A-Z]\w*)|([A-Z]\w*)\b(?!\s*\())")]
    private static partial Regex TypeName();
}
