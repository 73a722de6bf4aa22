using WebVirt.Agent.GuestHardware;

namespace WebVirt.Agent.Tests.GuestHardware;

/// <summary>The TPM state removal touches only the guest's own folder under the root: no other name, no link.</summary>
public sealed class SwtpmStateFolderTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "webvirt-swtpm-" + Guid.NewGuid().ToString("N"));
    private readonly string _elsewhere = Path.Combine(Path.GetTempPath(), "webvirt-swtpm-elsewhere-" + Guid.NewGuid().ToString("N"));

    public SwtpmStateFolderTests()
    {
        Directory.CreateDirectory(_root);
        Directory.CreateDirectory(_elsewhere);
    }

    [Fact]
    public void The_guests_folder_is_removed_with_its_files_and_a_missing_one_is_no_error()
    {
        string uuid = Guid.NewGuid().ToString("D");
        string other = Path.Combine(_root, Guid.NewGuid().ToString("D"));
        Directory.CreateDirectory(Path.Combine(_root, uuid, "tpm2"));
        File.WriteAllText(Path.Combine(_root, uuid, "tpm2", "tpm2-00.permall"), "state");
        Directory.CreateDirectory(other);

        Assert.True(SwtpmStateFolder.Remove(_root, uuid, out string? refusal));
        Assert.Null(refusal);
        Assert.False(Directory.Exists(Path.Combine(_root, uuid)));
        Assert.True(Directory.Exists(other));
        Assert.False(SwtpmStateFolder.Remove(_root, uuid, out refusal));
        Assert.Null(refusal);
    }

    [Theory]
    [InlineData("..")]
    [InlineData("../webvirt")]
    [InlineData("")]
    [InlineData("{0f8fad5b-d9cb-469f-a165-70867728950e}")]
    public void A_name_that_is_not_a_canonical_uuid_removes_nothing(string uuid)
    {
        File.WriteAllText(Path.Combine(_root, "keep"), "x");

        Assert.False(SwtpmStateFolder.Remove(_root, uuid, out string? refusal));

        Assert.NotNull(refusal);
        Assert.True(File.Exists(Path.Combine(_root, "keep")));
    }

    [Fact]
    public void A_link_in_place_of_the_folder_is_not_followed()
    {
        string uuid = Guid.NewGuid().ToString("D");
        File.WriteAllText(Path.Combine(_elsewhere, "precious"), "x");
        Directory.CreateSymbolicLink(Path.Combine(_root, uuid), _elsewhere);

        Assert.False(SwtpmStateFolder.Remove(_root, uuid, out string? refusal));

        Assert.Contains("symbolic link", refusal, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_elsewhere, "precious")));
    }

    public void Dispose()
    {
        foreach (var link in Directory.EnumerateFileSystemEntries(_root).Where(e => new FileInfo(e).LinkTarget is not null))
        {
            File.Delete(link);
        }

        Directory.Delete(_root, recursive: true);
        Directory.Delete(_elsewhere, recursive: true);
    }
}
