using WebVirt.Domain.InstallTrees;
using WebVirt.Domain.OsInfo;

namespace WebVirt.Domain.Tests.InstallTrees;

public sealed class MirrorRootsTests
{
    [Theory]
    [InlineData("http://deb.debian.org/debian/dists/bullseye/main/installer-amd64", "dists/bullseye/main/installer-amd64/", "http://deb.debian.org/debian/")]
    [InlineData("http://archive.ubuntu.com/ubuntu/dists/focal/main/installer-amd64/", "dists/focal/main/installer-amd64/", "http://archive.ubuntu.com/ubuntu/")]
    [InlineData("https://archive.fedoraproject.org/pub/archive/fedora/linux/releases/30/Everything/x86_64/os", "releases/30/Everything/x86_64/os/", "https://archive.fedoraproject.org/pub/archive/fedora/linux/")]
    public void A_tree_splits_into_the_mirror_root_and_the_path_under_it(string tree, string suffix, string root)
    {
        Assert.Equal(suffix, MirrorRoots.TreeSuffix(tree));
        Assert.Equal(root, MirrorRoots.RootOf(tree));
    }

    [Theory]
    [InlineData("http://mirror.centos.org/centos/7/os/x86_64")]
    [InlineData("not a url")]
    [InlineData(null)]
    public void An_unknown_layout_has_no_root(string? tree) => Assert.Null(MirrorRoots.TreeSuffix(tree));

    [Fact]
    public void The_typed_url_is_tried_first_then_the_tree_under_it_unless_it_already_is_the_tree()
    {
        const string Suffix = "dists/bullseye/main/installer-amd64/";

        Assert.Equal(["http://m/debian/", "http://m/debian/dists/bullseye/main/installer-amd64/"],
            MirrorRoots.Candidates(new Uri("http://m/debian"), Suffix).Select(u => u.AbsoluteUri));
        Assert.Equal(["http://m/debian/dists/bullseye/main/installer-amd64/"],
            MirrorRoots.Candidates(new Uri("http://m/debian/dists/bullseye/main/installer-amd64"), Suffix).Select(u => u.AbsoluteUri));
        Assert.Equal(["http://m/x/"], MirrorRoots.Candidates(new Uri("http://m/x/"), null).Select(u => u.AbsoluteUri));
    }

    [Fact]
    public void Osinfo_db_names_debian_11s_tree_and_its_mirror_root()
    {
        var debian = new OsInfoDatabase().FindByShortId("debian11");

        Assert.NotNull(debian);
        Assert.Equal("dists/bullseye/main/installer-amd64/", MirrorRoots.TreeSuffix(debian.InstallTreeUrl));
    }
}
