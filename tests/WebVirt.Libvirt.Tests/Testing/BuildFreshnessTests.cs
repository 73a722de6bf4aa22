using WebVirt.Testing;

namespace WebVirt.Libvirt.Tests.Testing;

/// <summary>
/// A program's build output against its sources, in a made-up tree like src/: an app project that references a
/// library project, and the app's bin folder with both assemblies.
/// </summary>
public sealed class BuildFreshnessTests : IDisposable
{
    private static readonly DateTime s_built = new(2026, 12, 5, 12, 0, 0, DateTimeKind.Utc);

    private readonly string _root = Directory.CreateTempSubdirectory("wvt-freshness-").FullName;

    public BuildFreshnessTests()
    {
        Write("src/App/App.csproj", """<Project Sdk="Microsoft.NET.Sdk"><ItemGroup><ProjectReference Include="..\Lib\Lib.csproj" /></ItemGroup></Project>""", s_built.AddHours(-2));
        Write("src/App/Program.cs", "return;", s_built.AddHours(-1));
        Write("src/Lib/Lib.csproj", """<Project Sdk="Microsoft.NET.Sdk" />""", s_built.AddHours(-2));
        Write("src/Lib/States.cs", "public enum State { Running }", s_built.AddHours(-1));
        Write("src/App/bin/Debug/net10.0/App.dll", "", s_built);
        Write("src/App/bin/Debug/net10.0/Lib.dll", "", s_built);
    }

    private string AppProject => Path.Combine(_root, "src/App/App.csproj");

    private string Output => Path.Combine(_root, "src/App/bin/Debug/net10.0");

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void A_build_newer_than_every_source_is_fresh()
    {
        Assert.Null(BuildFreshness.StaleReason(AppProject, Output));
    }

    [Fact]
    public void A_referenced_projects_source_changed_after_the_build_makes_it_stale()
    {
        // The flaky E2E run's case: a new task state in the contracts, the agent in bin built before it.
        Write("src/Lib/States.cs", "public enum State { Running, Cancelled }", s_built.AddMinutes(5));

        var reason = BuildFreshness.StaleReason(AppProject, Output);

        Assert.NotNull(reason);
        Assert.Contains(Path.Combine(_root, "src/Lib/States.cs"), reason, StringComparison.Ordinal);
        Assert.Contains("Lib.dll", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_apps_own_razor_file_changed_after_the_build_makes_it_stale()
    {
        Write("src/App/Pages/Tasks.razor", "<p>Cancelled</p>", s_built.AddSeconds(1));

        Assert.Contains("Tasks.razor", BuildFreshness.StaleReason(AppProject, Output), StringComparison.Ordinal);
    }

    [Fact]
    public void Files_the_build_wrote_or_does_not_compile_do_not_count()
    {
        Write("src/App/obj/Debug/net10.0/App.AssemblyInfo.cs", "", s_built.AddMinutes(1));
        Write("src/Lib/bin/Debug/net10.0/Generated.cs", "", s_built.AddMinutes(1));
        Write("src/App/appsettings.json", "{}", s_built.AddMinutes(1));
        Write("src/App/wwwroot/app.css", "", s_built.AddMinutes(1));

        Assert.Null(BuildFreshness.StaleReason(AppProject, Output));
    }

    [Fact]
    public void A_referenced_assembly_missing_from_the_output_is_named()
    {
        File.Delete(Path.Combine(Output, "Lib.dll"));

        Assert.Contains("Lib.dll is missing", BuildFreshness.StaleReason(AppProject, Output), StringComparison.Ordinal);
    }

    private void Write(string relative, string content, DateTime modified)
    {
        var path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        File.SetLastWriteTimeUtc(path, modified);
    }
}
