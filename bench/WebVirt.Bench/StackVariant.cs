using WebVirt.Testing;

namespace WebVirt.Bench;

/// <summary>
/// One configuration the memory and relay benchmarks compare: the programs and runtime settings of the web
/// and the agent, written on the command line as
/// <c>--variant "label;web:NAME=VALUE;agent:NAME=VALUE;agent-program:PATH;web-program:PATH"</c>
/// (any number of parts after the label, each NAME=VALUE an environment variable of that process).
/// </summary>
internal sealed record StackVariant(string Label, StackLaunch Launch)
{
    public static StackVariant Parse(string text)
    {
        var parts = text.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0)
        {
            throw new ArgumentException("A --variant needs at least a label.");
        }

        var agent = new Dictionary<string, string>(StringComparer.Ordinal);
        var web = new Dictionary<string, string>(StringComparer.Ordinal);
        string? agentProgram = null;
        string? webProgram = null;
        foreach (var part in parts.Skip(1))
        {
            var colon = part.IndexOf(':', StringComparison.Ordinal);
            var (target, value) = colon > 0 ? (part[..colon], part[(colon + 1)..]) : ("", part);
            switch (target)
            {
                case "agent-program":
                    agentProgram = Path.GetFullPath(value);
                    break;
                case "web-program":
                    webProgram = Path.GetFullPath(value);
                    break;
                case "agent" or "web":
                    var equals = value.IndexOf('=', StringComparison.Ordinal);
                    if (equals <= 0)
                    {
                        throw new ArgumentException($"'{part}' in --variant '{text}' is not {target}:NAME=VALUE.");
                    }

                    (target == "agent" ? agent : web)[value[..equals]] = value[(equals + 1)..];
                    break;
                default:
                    throw new ArgumentException($"'{part}' in --variant '{text}' is not web:, agent:, agent-program: or web-program:.");
            }
        }

        return new StackVariant(parts[0], new StackLaunch(agentProgram, webProgram) { AgentEnvironment = agent, WebEnvironment = web });
    }
}
