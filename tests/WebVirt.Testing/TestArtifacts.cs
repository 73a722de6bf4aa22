namespace WebVirt.Testing;

/// <summary>Where tests leave what a person should look at afterwards: screenshots, process logs.</summary>
public static class TestArtifacts
{
    public static string Directory { get; } = Environment.GetEnvironmentVariable("WEBVIRT_ARTIFACTS") is { Length: > 0 } a
        ? a
        : Path.Combine(RepositoryRoot.Find(), "artifacts");

    public static string PathFor(string subdirectory, string fileName)
    {
        var dir = Path.Combine(Directory, subdirectory);
        System.IO.Directory.CreateDirectory(dir);
        return Path.Combine(dir, fileName);
    }
}
