using Serilog;
using Serilog.Events;

namespace WebVirt.Agent.Logging;

/// <summary>
/// The agent's log levels from its configuration's <c>Serilog:MinimumLevel</c>, in the shape
/// Serilog's own settings reader takes (<c>"Debug"</c>, or <c>Default</c> and <c>Override:&lt;source&gt;</c>).
/// Read here, not with that reader: it finds sinks and enrichers by reflection, which a Native AOT
/// agent does not have, and the agent's sinks are set in code anyway (<see cref="AgentLogging"/>).
/// </summary>
internal static class SerilogLevels
{
    public const string SectionName = "Serilog:MinimumLevel";

    public static LoggerConfiguration ApplyLevels(this LoggerConfiguration config, IConfiguration configuration)
    {
        var section = configuration.GetSection(SectionName);
        if (Parse(section.Value ?? section["Default"], $"{SectionName}:Default") is { } level)
        {
            config.MinimumLevel.Is(level);
        }

        foreach (var entry in section.GetSection("Override").GetChildren())
        {
            if (Parse(entry.Value, entry.Path) is { } overridden)
            {
                config.MinimumLevel.Override(entry.Key, overridden);
            }
        }

        return config;
    }

    private static LogEventLevel? Parse(string? text, string key) =>
        string.IsNullOrWhiteSpace(text) ? null
        : Enum.TryParse(text, ignoreCase: true, out LogEventLevel level) && Enum.IsDefined(level) ? level
        : throw new InvalidOperationException($"{key} is \"{text}\"; a log level is one of {string.Join(", ", Enum.GetNames<LogEventLevel>())}.");
}
