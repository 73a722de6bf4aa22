using System.Globalization;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using WebVirt.Contracts;
using WebVirt.Web.Components.Guest;

namespace WebVirt.Web.Tests.Migration;

/// <summary>The migrate form's disk list: each disk left in place or copied as the pools' marking decides, and why, in English and Chinese.</summary>
public sealed class MigrationDiskListTests : BunitContext
{
    private static readonly GuestDiskInfo[] s_disks =
    [
        new("disk", "virtio", "vda", "/mnt/nfs/web.qcow2", "qcow2", false, "none", "nfs", "web.qcow2", 1, 1),
        new("disk", "virtio", "vdb", "/var/lib/libvirt/images/data.qcow2", "qcow2", false, "none", "default", "data.qcow2", 1, 1),
        new("disk", "virtio", "vdc", "/srv/loose.img", "raw", false, null, null, null, null, null),
        new("cdrom", "sata", "sda", "/iso/install.iso", "raw", true, null, "isos", "install.iso", 1, 1),
    ];

    public MigrationDiskListTests()
    {
        Services.AddLocalization();
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    [Fact]
    public void Only_disks_on_pools_marked_shared_stay_in_place_and_each_disk_says_why()
    {
        var plan = MigrationDiskPlan.For(s_disks, new HashSet<string>(["nfs", "isos"]));

        Assert.Equal(["vda", "vdb", "vdc"], plan.Select(d => d.Target));
        Assert.Equal([true, false, false], plan.Select(d => d.Shared));
        Assert.True(MigrationDiskPlan.NeedsCopy(plan));
        Assert.False(MigrationDiskPlan.NeedsCopy([.. plan.Take(1)]));

        var list = RenderIn("en", plan);
        Assert.Equal("Disk vda is on pool nfs, marked shared between hosts: it stays in place.", Line(list, "vda"));
        Assert.Equal("Disk vdb is on pool default, not marked shared: it will be copied.", Line(list, "vdb"));
        Assert.Equal("Disk vdc (/srv/loose.img) is in no storage pool: it can be neither shared nor copied.", Line(list, "vdc"));
        Assert.Contains("marks a pool shared on the storage page", list.Find("[data-testid='migrate-disks']").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void The_explanation_is_in_chinese_too()
    {
        var plan = MigrationDiskPlan.For(s_disks, new HashSet<string>(["nfs"]));

        var list = RenderIn("zh-Hans", plan);

        Assert.Equal("磁盘 vda 位于已标记为主机间共享的存储池 nfs：保留在原处。", Line(list, "vda"));
        Assert.Equal("磁盘 vdb 位于未标记为共享的存储池 default：将被复制。", Line(list, "vdb"));
    }

    [Fact]
    public void Nothing_marked_means_every_disk_is_copied()
    {
        var plan = MigrationDiskPlan.For(s_disks, new HashSet<string>());

        Assert.All(plan, d => Assert.False(d.Shared));
    }

    private IRenderedComponent<MigrationDiskList> RenderIn(string culture, IReadOnlyList<MigrationDisk> plan)
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        return Render<MigrationDiskList>(p => p.Add(c => c.Disks, plan));
    }

    private static string Line(IRenderedComponent<MigrationDiskList> list, string target) =>
        list.Find($"[data-testid='migrate-disk-{target}']").TextContent.Trim();
}
