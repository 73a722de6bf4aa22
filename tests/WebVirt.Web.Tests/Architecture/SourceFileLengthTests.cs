namespace WebVirt.Web.Tests.Architecture;

public sealed class SourceFileLengthTests
{
    private const int MaximumLines = 400;

    [Fact]
    public void No_source_file_is_over_400_lines()
    {
        string[] tooLong = [.. RepositorySources.SourceRoots.SelectMany(root => LongFiles(Path.Combine(RepositorySources.Root, root)))];

        Assert.True(tooLong.Length == 0, $"Split these files by purpose (at most {MaximumLines} lines each):\n{string.Join("\n", tooLong)}");
    }

    [Fact]
    public void A_file_one_line_over_the_limit_is_found_and_vendored_or_generated_files_are_not()
    {
        string root = Directory.CreateTempSubdirectory("wvt-architecture-").FullName;
        try
        {
            Write(Path.Combine(root, "src", "Long.cs"), MaximumLines + 1);
            Write(Path.Combine(root, "src", "Fits.razor"), MaximumLines);
            Write(Path.Combine(root, "src", "wwwroot", "lib", "vendor.js"), MaximumLines * 10);
            Write(Path.Combine(root, "src", "Migrations", "AgentDbContextModelSnapshot.cs"), MaximumLines * 2);
            Write(Path.Combine(root, "src", "obj", "Generated.cs"), MaximumLines * 2);

            string single = Assert.Single(LongFiles(root));
            Assert.EndsWith("Long.cs (401 lines)", single, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static IEnumerable<string> LongFiles(string directory) =>
        Directory.Exists(directory)
            ? RepositorySources.Files(directory)
                .Select(path => (Path: path, Lines: File.ReadLines(path).Count()))
                .Where(file => file.Lines > MaximumLines)
                .Select(file => $"{RepositorySources.Relative(file.Path)} ({file.Lines} lines)")
            : [];

    private static void Write(string path, int lines)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllLines(path, Enumerable.Repeat("x", lines));
    }
}
