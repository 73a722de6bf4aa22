using WebVirt.Testing;

namespace WebVirt.Agent.Tests.NativeAot;

/// <summary>
/// A test of the Native AOT agent program: skipped, saying how to make it, when it has not been
/// published (deploy/aot/publish-agent.sh; it needs clang and minutes of CPU, so the default test
/// run does not make it). <c>WEBVIRT_AOT_AGENT</c> names another published program.
/// </summary>
public sealed class AotAgentFactAttribute : FactAttribute
{
    public AotAgentFactAttribute()
    {
        if (!File.Exists(Executable))
        {
            Skip = $"The Native AOT agent is not published ({Executable}): run deploy/aot/publish-agent.sh";
        }
    }

    public static string Executable =>
        Environment.GetEnvironmentVariable("WEBVIRT_AOT_AGENT") is { Length: > 0 } path
            ? path
            : Path.Combine(RepositoryRoot.Find(), "artifacts", "aot-agent", "WebVirt.Agent");
}
