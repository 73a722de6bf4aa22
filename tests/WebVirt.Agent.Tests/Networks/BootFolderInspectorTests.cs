using WebVirt.Agent.Networks;
using WebVirt.Domain.Networks;

namespace WebVirt.Agent.Tests.Networks;

/// <summary>What the agent reads from the host about a network boot folder, as dnsmasq's unprivileged user would see it.</summary>
public sealed class BootFolderInspectorTests : IDisposable
{
    private const UnixFileMode Open = (UnixFileMode)0b111_101_101;
    private const UnixFileMode Readable = (UnixFileMode)0b110_100_100;
    private readonly string _parent = Directory.CreateTempSubdirectory("wvt-bootfolder-").FullName;
    private readonly string _folder;

    public BootFolderInspectorTests()
    {
        File.SetUnixFileMode(_parent, Open);
        _folder = Path.Combine(_parent, "tftp");
        Directory.CreateDirectory(_folder);
        File.SetUnixFileMode(_folder, Open);
        File.WriteAllText(Path.Combine(_folder, "boot.ipxe"), "#!ipxe\n");
        File.SetUnixFileMode(Path.Combine(_folder, "boot.ipxe"), Readable);
    }

    public void Dispose() => Directory.Delete(_parent, recursive: true);

    [Fact]
    public void A_folder_and_file_readable_by_all_are_seen_as_such() =>
        Assert.Equal(new BootFolderFacts(true, true, true), BootFolderInspector.Inspect(new NetworkBoot(_folder, "boot.ipxe")));

    [Fact]
    public void A_missing_folder_is_missing() =>
        Assert.Equal(new BootFolderFacts(false, false, false), BootFolderInspector.Inspect(new NetworkBoot(Path.Combine(_parent, "none"), "boot.ipxe")));

    [Fact]
    public void A_folder_others_cannot_enter_is_not_readable()
    {
        File.SetUnixFileMode(_folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        Assert.Equal(new BootFolderFacts(true, false, false), BootFolderInspector.Inspect(new NetworkBoot(_folder, "boot.ipxe")));
    }

    [Fact]
    public void A_parent_others_cannot_pass_makes_the_folder_unreadable()
    {
        File.SetUnixFileMode(_parent, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        Assert.False(BootFolderInspector.Inspect(new NetworkBoot(_folder, "boot.ipxe"))!.ReadableByAll);
    }

    [Fact]
    public void A_boot_file_only_its_owner_reads_is_not_served()
    {
        File.SetUnixFileMode(Path.Combine(_folder, "boot.ipxe"), UnixFileMode.UserRead | UnixFileMode.UserWrite);

        Assert.Equal(new BootFolderFacts(true, true, false), BootFolderInspector.Inspect(new NetworkBoot(_folder, "boot.ipxe")));
    }

    [Theory]
    [InlineData("other.ipxe")]
    [InlineData("../tftp/boot.ipxe")]
    public void A_boot_file_not_in_the_folder_is_not_served(string file) =>
        Assert.False(BootFolderInspector.Inspect(new NetworkBoot(_folder, file))!.BootFileReadable);

    [Fact]
    public void No_boot_or_a_relative_folder_is_not_looked_at()
    {
        Assert.Null(BootFolderInspector.Inspect(null));
        Assert.Null(BootFolderInspector.Inspect(new NetworkBoot("tftp", "boot.ipxe")));
    }
}
