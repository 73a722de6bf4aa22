using WebVirt.Domain.Definition;
using WebVirt.Domain.Guests;
using WebVirt.Domain.Storage;
using WebVirt.Domain.Tests.Support;
using WebVirt.Domain.Validation;

namespace WebVirt.Domain.Tests.Validation;

/// <summary>An imported image as is, copied or layered: what each makes and what each refuses.</summary>
public sealed class ImportValidationTests : IDisposable
{
    private readonly FakePool _pool = new();
    private readonly HostLimits _host;

    public ImportValidationTests() => _host = Hosts.For(_pool);

    public void Dispose() => _pool.Dispose();

    [Fact]
    public void As_is_the_image_is_the_disk_and_nothing_is_created()
    {
        ValidatedGuest guest = Valid(Specs.Import(_pool));

        Assert.Null(guest.NewVolume);
        ResolvedDisk disk = Assert.Single(guest.Disks);
        Assert.Equal(_pool.ImportPath, disk.Path);
        Assert.Equal("qcow2", disk.Format);
    }

    [Fact]
    public void As_is_a_raw_image_boots_as_raw()
    {
        ValidatedGuest guest = Valid(Specs.Import(_pool) with { Source = new GuestSource.ImportDisk(_pool.DataPath) });

        Assert.Equal("raw", Assert.Single(guest.Disks).Format);
    }

    [Fact]
    public void As_is_an_image_another_guest_uses_is_refused_naming_the_guest()
    {
        HostLimits host = _host with { ImageUsers = Users(UsedBy("other", _pool.ImportPath)) };

        ValidationProblem problem = Refusal.Assert(Specs.Import(_pool), host, "Source.VolumePath", ValidationKeys.ImportImageInUse);

        Assert.Contains("other", problem.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void As_is_an_image_that_is_a_linked_clones_base_is_refused()
    {
        string overlay = _pool.PathOf("clone.qcow2");
        var usage = VolumeUsage.Build([new DiskReference("clone", overlay, Writable: true)], [new(overlay, _pool.ImportPath)]);

        Refusal.Assert(Specs.Import(_pool), _host with { ImageUsers = Users(usage) }, "Source.VolumePath", ValidationKeys.ImportImageInUse);
    }

    [Fact]
    public void A_copy_becomes_the_new_disk_made_from_the_image()
    {
        ValidatedGuest guest = Valid(Copy(ImageUse.Copy, DiskFormat.Raw));

        NewVolumePlan plan = guest.NewVolume!;
        Assert.Equal(Path.Combine(_pool.Directory, "guest1.img"), plan.Path);
        Assert.Equal(new ImageImport(_pool.ImportPath, "qcow2", 0, Overlay: false), plan.Import);
        Assert.Equal(plan.Path, Assert.Single(guest.Disks).Path);
        Assert.Equal("raw", guest.Disks[0].Format);
    }

    [Fact]
    public void An_overlay_is_a_qcow2_disk_backed_by_the_image()
    {
        ValidatedGuest guest = Valid(Copy(ImageUse.Overlay, DiskFormat.Qcow2));

        Assert.True(guest.NewVolume!.Import!.Overlay);
        Assert.Equal(_pool.ImportPath, guest.NewVolume.Import.SourcePath);
        Assert.Equal(Path.Combine(_pool.Directory, "guest1.qcow2"), Assert.Single(guest.Disks).Path);
        Assert.Equal(["hd"], DomainXmlBuilder.Build(guest, new GuestBuildContext("t", DateTimeOffset.UnixEpoch)).All("/domain/os/boot").Select(b => (string)b.Attribute("dev")!));
    }

    [Fact]
    public void A_raw_overlay_is_refused() =>
        Refusal.Assert(Copy(ImageUse.Overlay, DiskFormat.Raw), _host, "Disk.Format", ValidationKeys.ImportOverlayIsQcow2);

    [Theory]
    [InlineData(ImageUse.Copy)]
    [InlineData(ImageUse.Overlay)]
    public void A_copy_or_overlay_without_a_new_disk_is_refused(ImageUse use) =>
        Refusal.Assert(Specs.Import(_pool) with { Source = new GuestSource.ImportDisk(_pool.ImportPath, use) }, _host, "Disk", ValidationKeys.ImportNeedsNewDisk);

    [Fact]
    public void A_disk_smaller_than_the_image_is_refused_with_both_sizes()
    {
        var big = new PoolVolume(_pool.ImportPath, "qcow2", (20L << 30) + 1);
        HostLimits host = _host with { Pools = [_pool.Info with { Volumes = [big] }] };

        ValidationProblem problem = Refusal.Assert(Copy(ImageUse.Copy, DiskFormat.Qcow2), host, "Disk.SizeGiB", ValidationKeys.ImportDiskSmallerThanImage);

        Assert.Equal([10L, 21L], problem.Args);
    }

    [Theory]
    [InlineData(ImageUse.Copy)]
    [InlineData(ImageUse.Overlay)]
    public void Copying_or_layering_an_image_another_guest_writes_is_refused(ImageUse use) =>
        Refusal.Assert(Copy(use, DiskFormat.Qcow2), _host with { ImageUsers = Users(UsedBy("writer", _pool.ImportPath)) }, "Source.VolumePath", ValidationKeys.DiskWrittenByOtherGuest);

    [Fact]
    public void An_overlay_on_a_linked_clones_base_is_allowed()
    {
        string overlay = _pool.PathOf("clone.qcow2");
        var usage = VolumeUsage.Build([new DiskReference("clone", overlay, Writable: true)], [new(overlay, _pool.ImportPath)]);

        Assert.True(GuestSpecValidator.Validate(Copy(ImageUse.Overlay, DiskFormat.Qcow2), _host with { ImageUsers = Users(usage) }).IsValid);
    }

    [Fact]
    public void An_iso_is_not_imported_as_a_disk() =>
        Refusal.Assert(Specs.Import(_pool) with { Source = new GuestSource.ImportDisk(_pool.IsoPath) }, _host, "Source.VolumePath", ValidationKeys.ImportImageNotDisk);

    [Fact]
    public void An_unknown_use_is_refused() =>
        Refusal.Assert(Specs.Import(_pool) with { Source = new GuestSource.ImportDisk(_pool.ImportPath, (ImageUse)7) }, _host, "Source.ImportUse", ValidationKeys.OptionInvalid);

    private GuestSpec Copy(ImageUse use, DiskFormat format) =>
        Specs.Import(_pool) with { Source = new GuestSource.ImportDisk(_pool.ImportPath, use), Disk = new GuestDisk.NewVolume(FakePool.Name, 10, format) };

    private ValidatedGuest Valid(GuestSpec spec)
    {
        GuestValidationResult result = GuestSpecValidator.Validate(spec, _host);
        Assert.True(result.IsValid, string.Join("\n", result.Problems));
        return result.Guest!;
    }

    /// <summary>What the agent hands the validator: the guests <see cref="VolumeUsage"/> finds for a path.</summary>
    private static Func<string, IReadOnlyList<ImageUser>> Users(VolumeUsage usage) =>
        path => [.. usage.UsersOf(path).Select(u => new ImageUser(u.Guest, u.Writable))];

    private static VolumeUsage UsedBy(string guest, string path) => VolumeUsage.Build([new DiskReference(guest, path, Writable: true)], []);
}
