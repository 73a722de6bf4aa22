namespace WebVirt.Testing;

public static class RepositoryRoot
{
    // Test binaries run from bin/<config>/<tfm>/, so walk up to the directory holding the solution.
    public static string Find()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "WebVirt.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"WebVirt.sln not found above {AppContext.BaseDirectory}");
    }
}
