using WebVirt.Domain.InstallTrees;

namespace WebVirt.Domain.Tests.InstallTrees;

public sealed class InstallTreeLayoutsTests
{
    [Fact]
    public void A_fedora_treeinfo_names_the_pxeboot_kernel_and_the_anaconda_option()
    {
        const string treeInfo = """
            [header]
            type = productmd.treeinfo
            version = 1.2

            [release]
            name = Fedora
            short = Fedora
            version = 40

            [tree]
            arch = x86_64

            [images-x86_64]
            boot.iso = images/boot.iso
            efiboot.img = images/efiboot.img
            initrd = images/pxeboot/initrd.img
            kernel = images/pxeboot/vmlinuz
            """;

        var images = InstallTreeLayouts.FromTreeInfo(treeInfo);

        Assert.NotNull(images);
        Assert.Equal("images/pxeboot/vmlinuz", images.KernelPath);
        Assert.Equal("images/pxeboot/initrd.img", images.InitrdPath);
        Assert.Equal("inst.repo", images.UrlArgument);
        Assert.Contains("Fedora", images.Layout, StringComparison.Ordinal);
    }

    [Fact]
    public void An_old_style_suse_treeinfo_uses_the_linuxrc_install_option()
    {
        const string treeInfo = "[general]\nfamily = openSUSE\narch = x86_64\n[images-x86_64]\nkernel = boot/x86_64/loader/linux\ninitrd = boot/x86_64/loader/initrd\n";

        Assert.Equal("install", InstallTreeLayouts.FromTreeInfo(treeInfo)?.UrlArgument);
    }

    [Fact]
    public void A_treeinfo_for_another_architecture_names_nothing()
    {
        const string treeInfo = "[images-aarch64]\nkernel = images/pxeboot/vmlinuz\ninitrd = images/pxeboot/initrd.img\n";

        Assert.Null(InstallTreeLayouts.FromTreeInfo(treeInfo));
    }

    [Theory]
    [InlineData("/boot/vmlinuz")]
    [InlineData("../../etc/shadow")]
    [InlineData("images/../../vmlinuz")]
    [InlineData("http://elsewhere.example/vmlinuz")]
    [InlineData("images/vm linuz")]
    public void A_treeinfo_naming_a_path_outside_the_tree_is_ignored(string kernel)
    {
        string treeInfo = $"[images-x86_64]\nkernel = {kernel}\ninitrd = images/pxeboot/initrd.img\n";

        Assert.Null(InstallTreeLayouts.FromTreeInfo(treeInfo));
    }

    [Fact]
    public void Known_layouts_are_all_inside_the_tree()
    {
        Assert.NotEmpty(InstallTreeLayouts.Known);
        Assert.All(InstallTreeLayouts.Known, l =>
        {
            Assert.True(InstallTreeLayouts.IsTreeRelative(l.KernelPath), l.KernelPath);
            Assert.True(InstallTreeLayouts.IsTreeRelative(l.InitrdPath), l.InitrdPath);
        });
    }
}
