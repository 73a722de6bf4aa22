using System.Globalization;
using WebVirt.Domain.Storage;
using WebVirt.Domain.Validation;

namespace WebVirt.Domain.Tests.Storage;

/// <summary>Who uses which file: disks, CD-ROMs, snapshots and backing chains at any depth.</summary>
public sealed class VolumeUsageTests
{
    private const string Base = "/pools/a/base.qcow2";
    private const string Middle = "/pools/b/middle.qcow2";
    private const string Top = "/pools/b/top.qcow2";

    private static readonly KeyValuePair<string, string>[] Chain = [new(Top, Middle), new(Middle, Base)];

    [Fact]
    public void Every_file_below_a_disk_is_used_by_its_guest_through_a_backing_file_at_any_depth()
    {
        var usage = VolumeUsage.Build([new DiskReference("deep", Top, Writable: true, Running: true)], Chain);

        Assert.Equal([new VolumeUser("deep", ThroughBacking: false, Writable: true, Running: true)], usage.UsersOf(Top));
        Assert.Equal([new VolumeUser("deep", ThroughBacking: true, Writable: false, Running: true)], usage.UsersOf(Middle));
        Assert.Equal([new VolumeUser("deep", ThroughBacking: true, Writable: false, Running: true)], usage.UsersOf(Base));
        Assert.Empty(usage.UsersOf("/pools/a/other.qcow2"));
    }

    [Fact]
    public void A_template_and_its_linked_clone_both_use_the_base_and_the_direct_use_wins_per_guest()
    {
        var usage = VolumeUsage.Build(
            [
                new DiskReference("tmpl", Base, Writable: true),
                new DiskReference("clone", Middle, Writable: true),
                new DiskReference("clone", Base, Writable: false, Snapshot: "before"),
            ],
            [new(Middle, Base)]);

        Assert.Equal(
            [new VolumeUser("clone", false, false, false), new VolumeUser("tmpl", false, true, false)],
            usage.UsersOf(Base));
        Assert.Equal([new VolumeUser("tmpl", false, true, false)], usage.UsersOf(Base, exceptGuest: "clone"));
    }

    [Fact]
    public void A_base_with_no_guest_left_but_a_clone_is_not_deletable_and_the_message_names_the_clone_in_both_languages()
    {
        var usage = VolumeUsage.Build([new DiskReference("clone", Middle, Writable: true)], [new(Middle, Base)]);
        var problems = new List<ValidationProblem>();

        Assert.False(usage.CheckDeletable(Base, null, "Volume", problems));
        Assert.True(usage.CheckDeletable(Middle, "clone", "Volume", problems));

        var problem = Assert.Single(problems);
        Assert.Equal(ValidationKeys.VolumeUsedByOtherGuest, problem.Key);
        Assert.Contains("clone (through a backing file)", problem.Format(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Contains("clone（通过后备文件）", problem.Format(CultureInfo.GetCultureInfo("zh-Hans")), StringComparison.Ordinal);
    }

    [Fact]
    public void A_backing_file_is_attached_read_only_but_not_writable()
    {
        var usage = VolumeUsage.Build([new DiskReference("clone", Middle, Writable: true)], [new(Middle, Base)]);
        var problems = new List<ValidationProblem>();

        Assert.True(usage.CheckAttachable(Base, "other", writable: false, "Volume", problems));
        Assert.False(usage.CheckAttachable(Base, "other", writable: true, "Volume", problems));

        Assert.Equal(ValidationKeys.DiskBackingOfOtherGuest, Assert.Single(problems).Key);
    }

    [Fact]
    public void A_pool_is_used_by_guests_of_its_volumes_and_of_files_under_its_target()
    {
        var usage = VolumeUsage.Build(
            [new DiskReference("deep", Top, Writable: true), new DiskReference("lv", "/dev/vg0/lv1", Writable: true)],
            Chain);

        Assert.Equal(["deep"], usage.UsersOfAny([], "/pools/a/").Select(u => u.Guest));
        Assert.Equal(["lv"], usage.UsersOfAny(["/dev/vg0/lv1"]).Select(u => u.Guest));
        Assert.Empty(usage.UsersOfAny(["/pools/c/x.img"], "/pools/c"));
    }

    [Fact]
    public void A_backing_loop_ends_and_every_file_in_it_counts()
    {
        var usage = VolumeUsage.Build([new DiskReference("g", Top, Writable: true)], [new(Top, Middle), new(Middle, Top)]);

        Assert.Equal(["g"], usage.UsersOf(Middle).Select(u => u.Guest));
        Assert.False(Assert.Single(usage.UsersOf(Top)).ThroughBacking);
    }

    [Fact]
    public void Disks_cdroms_pool_volumes_and_running_backing_chains_are_read_from_the_xml()
    {
        const string xml = """
            <domain type='qemu'><name>g</name><devices>
              <disk type='file' device='disk'><source file='/pools/b/top.qcow2'/>
                <backingStore type='file'><source file='/pools/b/middle.qcow2'/>
                  <backingStore type='file'><source file='/pools/a/base.qcow2'/><backingStore/></backingStore>
                </backingStore>
                <target dev='vda'/></disk>
              <disk type='file' device='cdrom'><source file='/pools/a/x.iso'/><readonly/><target dev='sda'/></disk>
              <disk type='volume' device='disk'><source pool='p' volume='v.img'/><target dev='vdb'/></disk>
              <disk type='file' device='cdrom'><target dev='sdb'/></disk>
            </devices></domain>
            """;

        var disks = GuestDisks.Read("g", xml, running: true, resolveVolume: (pool, volume) => $"/pools/{pool}/{volume}");

        Assert.Equal(
            [
                new DiskReference("g", Top, true, true),
                new DiskReference("g", "/pools/a/x.iso", false, true),
                new DiskReference("g", "/pools/p/v.img", true, true),
            ],
            disks);
        Assert.Equal(Chain, GuestDisks.BackingFiles(xml));
    }
}
