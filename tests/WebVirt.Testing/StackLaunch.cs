namespace WebVirt.Testing;

/// <summary>
/// How a <see cref="WebVirtStack"/> starts its two processes when not from the build output as it is:
/// a published program (a Native AOT agent, a ReadyToRun web as the packages ship it) and extra
/// environment variables (runtime settings such as DOTNET_GCgen0size), so the memory benchmark can
/// compare configurations on the same guests.
/// </summary>
/// <param name="AgentProgram">A published agent executable; null starts the build output's WebVirt.Agent.dll with dotnet.</param>
/// <param name="WebProgram">A published web executable; null starts the build output's WebVirt.Web.dll with dotnet.</param>
public sealed record StackLaunch(string? AgentProgram = null, string? WebProgram = null)
{
    public IReadOnlyDictionary<string, string> AgentEnvironment { get; init; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, string> WebEnvironment { get; init; } = new Dictionary<string, string>();
}
