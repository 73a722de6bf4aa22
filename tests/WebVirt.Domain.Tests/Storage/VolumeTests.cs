using System.Xml.Linq;
using WebVirt.Domain.Storage;
using WebVirt.Domain.Tests.Support;
using WebVirt.Domain.Validation;

namespace WebVirt.Domain.Tests.Storage;

public sealed class VolumeTests
{
    private const long GiB = VolumeSpec.GiB;
    private static readonly StoragePoolInfo Pool = new("images", "/srv/images", 20 * GiB, [new PoolVolume("/srv/images/taken.qcow2", "qcow2"), new PoolVolume("/srv/images/debian.iso", "iso")]);

    [Fact]
    public void A_thin_qcow2_volume_has_zero_allocation()
    {
        ValidatedVolume volume = Refused.Valid(VolumeValidator.ValidateNew(VolumeSpec.FromGiB("disk1.qcow2", VolumeFormat.Qcow2, 10), Pool));
        XDocument xml = VolumeXmlBuilder.Build(volume);

        Assert.Equal("/srv/images/disk1.qcow2", volume.Path);
        Assert.Equal("disk1.qcow2", xml.Value("/volume/name"));
        Assert.Equal((10 * GiB).ToString(System.Globalization.CultureInfo.InvariantCulture), xml.Value("/volume/capacity[@unit='bytes']"));
        Assert.Equal("0", xml.Value("/volume/allocation[@unit='bytes']"));
        Assert.Equal("qcow2", xml.Value("/volume/target/format/@type"));
    }

    [Fact]
    public void A_linked_clone_overlay_names_its_backing_file_and_format()
    {
        ValidatedVolume volume = Refused.Valid(VolumeValidator.ValidateNew(VolumeSpec.FromGiB("clone.qcow2", VolumeFormat.Qcow2, 10), Pool));
        XDocument xml = XDocument.Parse(VolumeXmlBuilder.BuildOverlayString(volume, "/srv/images/base <1>.qcow2", VolumeFormat.Qcow2));

        Assert.Equal("/srv/images/base <1>.qcow2", xml.Value("/volume/backingStore/path"));
        Assert.Equal("qcow2", xml.Value("/volume/backingStore/format/@type"));
        Assert.Equal("qcow2", xml.Value("/volume/target/format/@type"));
        Assert.Equal("0", xml.Value("/volume/allocation"));
    }

    [Fact]
    public void Only_a_qcow2_volume_can_be_an_overlay()
    {
        ValidatedVolume raw = Refused.Valid(VolumeValidator.ValidateNew(VolumeSpec.FromGiB("clone.img", VolumeFormat.Raw, 1), Pool));

        Assert.Throws<ArgumentException>(() => VolumeXmlBuilder.BuildOverlayString(raw, "/srv/images/taken.qcow2", VolumeFormat.Qcow2));
    }

    [Theory]
    [InlineData("data.img")]
    [InlineData("data.raw")]
    public void A_full_raw_volume_allocates_its_capacity(string name)
    {
        XDocument xml = VolumeXmlBuilder.Build(Refused.Valid(VolumeValidator.ValidateNew(VolumeSpec.FromGiB(name, VolumeFormat.Raw, 2, thin: false), Pool)));

        Assert.Equal((2 * GiB).ToString(System.Globalization.CultureInfo.InvariantCulture), xml.Value("/volume/allocation"));
        Assert.Equal("raw", xml.Value("/volume/target/format/@type"));
    }

    [Theory]
    [InlineData("disk1.img", VolumeFormat.Qcow2)]
    [InlineData("disk1", VolumeFormat.Qcow2)]
    [InlineData("disk1.qcow2", VolumeFormat.Raw)]
    [InlineData("disk1.QCOW2", VolumeFormat.Qcow2)]
    public void A_name_not_ending_in_its_formats_extension_is_refused(string name, VolumeFormat format) =>
        Refused.Assert(VolumeValidator.ValidateNew(VolumeSpec.FromGiB(name, format, 1), Pool), "Name", ValidationKeys.VolumeExtensionMismatch);

    [Theory]
    [InlineData(".qcow2")]
    [InlineData("-x.qcow2")]
    [InlineData("a b.qcow2")]
    [InlineData("../x.qcow2")]
    [InlineData("")]
    public void Invalid_volume_names_are_refused(string name) =>
        Refused.Assert(VolumeValidator.ValidateNew(VolumeSpec.FromGiB(name, VolumeFormat.Qcow2, 1), Pool), "Name", ValidationKeys.NameInvalid);

    [Fact]
    public void An_existing_volume_name_is_refused() =>
        Refused.Assert(VolumeValidator.ValidateNew(VolumeSpec.FromGiB("taken.qcow2", VolumeFormat.Qcow2, 1), Pool), "Name", ValidationKeys.VolumeExists);

    [Fact]
    public void Iso_volumes_are_not_created_empty() =>
        Refused.Assert(VolumeValidator.ValidateNew(VolumeSpec.FromGiB("new.iso", VolumeFormat.Iso, 1), Pool), "Format", ValidationKeys.VolumeIsoUploadOnly);

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void A_capacity_of_zero_or_less_is_refused(long bytes) =>
        Refused.Assert(VolumeValidator.ValidateNew(new VolumeSpec("d.qcow2", VolumeFormat.Qcow2, bytes), Pool), "CapacityBytes", ValidationKeys.VolumeCapacityInvalid);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_capacity_beyond_the_pool_free_space_is_refused_thin_or_not(bool thin)
    {
        ValidationProblem problem = Refused.Assert(VolumeValidator.ValidateNew(VolumeSpec.FromGiB("d.qcow2", VolumeFormat.Qcow2, 21, thin), Pool), "CapacityBytes", ValidationKeys.VolumeExceedsPoolFree);
        Assert.Equal("images", problem.Args[1]);
    }

    [Fact]
    public void A_capacity_equal_to_the_free_space_is_accepted() =>
        Refused.Valid(VolumeValidator.ValidateNew(VolumeSpec.FromGiB("d.qcow2", VolumeFormat.Qcow2, 20), Pool));

    [Theory]
    [InlineData(-1)]
    [InlineData(1025)]
    public void An_allocation_outside_zero_to_capacity_is_refused(long allocation) =>
        Refused.Assert(VolumeValidator.ValidateNew(new VolumeSpec("d.img", VolumeFormat.Raw, 1024, allocation), Pool), "AllocationBytes", ValidationKeys.VolumeAllocationInvalid);

    [Fact]
    public void A_clone_gets_the_source_capacity_and_the_new_format()
    {
        ValidatedVolume clone = Refused.Valid(VolumeValidator.ValidateClone(new VolumeCloneSpec("copy.img", VolumeFormat.Raw, 5 * GiB), Pool));
        XDocument xml = VolumeXmlBuilder.Build(clone);

        Assert.Equal("copy.img", xml.Value("/volume/name"));
        Assert.Equal("raw", xml.Value("/volume/target/format/@type"));
        Assert.Equal((5 * GiB).ToString(System.Globalization.CultureInfo.InvariantCulture), xml.Value("/volume/capacity"));
    }

    [Fact]
    public void Clone_refusals()
    {
        Refused.Assert(VolumeValidator.ValidateClone(new VolumeCloneSpec("taken.qcow2", VolumeFormat.Qcow2, GiB), Pool), "NewName", ValidationKeys.VolumeExists);
        Refused.Assert(VolumeValidator.ValidateClone(new VolumeCloneSpec("copy.qcow2", VolumeFormat.Raw, GiB), Pool), "NewName", ValidationKeys.VolumeExtensionMismatch);
        Refused.Assert(VolumeValidator.ValidateClone(new VolumeCloneSpec("copy.qcow2", VolumeFormat.Qcow2, 21 * GiB), Pool), "SourceCapacityBytes", ValidationKeys.VolumeExceedsPoolFree);
        Refused.Assert(VolumeValidator.ValidateClone(new VolumeCloneSpec("copy.qcow2", (VolumeFormat)7, GiB), Pool), "Format", ValidationKeys.OptionInvalid);
    }

    [Fact]
    public void A_resize_grows_by_the_difference()
    {
        ValidatedResize resize = Refused.Valid(VolumeValidator.ValidateResize(new VolumeResizeSpec(10 * GiB, 30 * GiB), Pool));

        Assert.Equal(30 * GiB, resize.NewCapacityBytes);
        Assert.Equal(20 * GiB, resize.GrowthBytes);
    }

    [Theory]
    [InlineData(10, 10)]
    [InlineData(10, 9)]
    public void A_resize_that_does_not_grow_is_refused(long current, long next) =>
        Refused.Assert(VolumeValidator.ValidateResize(new VolumeResizeSpec(current * GiB, next * GiB), Pool), "NewCapacityBytes", ValidationKeys.VolumeResizeNotGrowing);

    [Fact]
    public void A_resize_growing_beyond_the_free_space_is_refused()
    {
        ValidationProblem problem = Refused.Assert(VolumeValidator.ValidateResize(new VolumeResizeSpec(10 * GiB, (30 * GiB) + 1), Pool), "NewCapacityBytes", ValidationKeys.VolumeGrowthExceedsPoolFree);
        Assert.Equal((20 * GiB) + 1, problem.Args[0]);
    }

    [Theory]
    [InlineData("debian-12.iso", "debian-12.iso", VolumeFormat.Iso)]
    [InlineData("C:\\Users\\me\\Downloads\\Win 11 (x64).ISO", "Win_11__x64_.iso", VolumeFormat.Iso)]
    [InlineData("/home/me/disk.qcow2", "disk.qcow2", VolumeFormat.Qcow2)]
    [InlineData("..hidden.img", "hidden.img", VolumeFormat.Raw)]
    [InlineData("ünïcödé.raw", "n_c_d_.raw", VolumeFormat.Raw)]
    [InlineData("a<b>&c.iso", "a_b__c.iso", VolumeFormat.Iso)]
    public void Uploads_get_a_sanitized_volume_name_and_the_format_of_their_extension(string fileName, string volumeName, VolumeFormat format)
    {
        ValidatedVolume volume = Refused.Valid(VolumeValidator.ValidateUpload(new UploadSpec(fileName, 4096), Pool));

        Assert.Equal(volumeName, volume.Name);
        Assert.Equal(format, volume.Format);
        Assert.Equal(4096, volume.CapacityBytes);
        Assert.Equal("/srv/images/" + volumeName, volume.Path);
        Assert.Matches(@"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}\z", volume.Name);
    }

    [Fact]
    public void Long_upload_names_keep_their_extension()
    {
        ValidatedVolume volume = Refused.Valid(VolumeValidator.ValidateUpload(new UploadSpec(new string('x', 200) + ".qcow2", 1), Pool));

        Assert.Equal(64, volume.Name.Length);
        Assert.EndsWith(".qcow2", volume.Name, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("noextension")]
    [InlineData("archive.tar.gz")]
    [InlineData("___.iso")]
    [InlineData("dir/.iso")]
    [InlineData("中文.iso")]
    public void Upload_names_that_sanitize_to_nothing_are_refused(string fileName) =>
        Refused.Assert(VolumeValidator.ValidateUpload(new UploadSpec(fileName, 1), Pool), "FileName", ValidationKeys.UploadFileNameInvalid);

    [Fact]
    public void Upload_refusals()
    {
        Refused.Assert(VolumeValidator.ValidateUpload(new UploadSpec("x.iso", 0), Pool), "SizeBytes", ValidationKeys.UploadSizeInvalid);
        Refused.Assert(VolumeValidator.ValidateUpload(new UploadSpec("x.iso", (20 * GiB) + 1), Pool), "SizeBytes", ValidationKeys.VolumeExceedsPoolFree);
        Refused.Assert(VolumeValidator.ValidateUpload(new UploadSpec("debian.iso", 1), Pool), "FileName", ValidationKeys.VolumeExists);
    }

    [Fact]
    public void An_uploaded_iso_volume_has_format_iso() =>
        Assert.Equal("iso", VolumeXmlBuilder.Build(Refused.Valid(VolumeValidator.ValidateUpload(new UploadSpec("x.iso", 10), Pool))).Value("/volume/target/format/@type"));

    [Theory]
    [InlineData("https://cdimage.example.org/debian/debian-12.5.0-amd64-netinst.iso", "debian-12.5.0-amd64-netinst.iso")]
    [InlineData("http://example.org/images/cloud%20image.qcow2?token=1", "cloud_image.qcow2")]
    public void Downloads_take_the_volume_name_from_the_url(string url, string volumeName)
    {
        ValidatedDownload download = Refused.Valid(VolumeValidator.ValidateDownload(new DownloadSpec(url), Pool));

        Assert.Equal(volumeName, download.VolumeName);
        Assert.Equal("/srv/images/" + volumeName, download.Path);
        Assert.Equal(new Uri(url), download.Url);
    }

    [Fact]
    public void A_given_download_name_is_checked_like_any_volume_name()
    {
        Assert.Equal("mine.iso", Refused.Valid(VolumeValidator.ValidateDownload(new DownloadSpec("https://example.org/x.iso", "mine.iso"), Pool)).VolumeName);
        Refused.Assert(VolumeValidator.ValidateDownload(new DownloadSpec("https://example.org/x.iso", "debian.iso"), Pool), "VolumeName", ValidationKeys.VolumeExists);
        Refused.Assert(VolumeValidator.ValidateDownload(new DownloadSpec("https://example.org/x.iso", "mine.exe"), Pool), "VolumeName", ValidationKeys.UploadFileNameInvalid);
    }

    [Theory]
    [InlineData("ftp://example.org/x.iso", ValidationKeys.UrlSchemeNotAllowed)]
    [InlineData("nfs://example.org/x.iso", ValidationKeys.UrlSchemeNotAllowed)]
    [InlineData("file:///etc/passwd.iso", ValidationKeys.UrlSchemeNotAllowed)]
    [InlineData("/srv/x.iso", ValidationKeys.UrlMalformed)]
    [InlineData("https://exa mple.org/x.iso", ValidationKeys.UrlMalformed)]
    [InlineData("", ValidationKeys.Required)]
    public void Download_urls_are_http_or_https_only(string url, string key) =>
        Refused.Assert(VolumeValidator.ValidateDownload(new DownloadSpec(url), Pool), "Url", key);

    [Fact]
    public void The_narrow_scheme_list_is_named_in_the_message()
    {
        ValidationProblem problem = Refused.Assert(VolumeValidator.ValidateDownload(new DownloadSpec("ftp://example.org/x.iso"), Pool), "Url", ValidationKeys.UrlSchemeNotAllowed);
        Assert.Equal("URL scheme 'ftp' is not allowed here; use one of: http, https.", problem.Format(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void A_download_url_without_a_file_name_is_refused() =>
        Refused.Assert(VolumeValidator.ValidateDownload(new DownloadSpec("https://example.org/"), Pool), "VolumeName", ValidationKeys.UploadFileNameInvalid);

    [Theory]
    [MemberData(nameof(MetacharacterTests.Nasties), MemberType = typeof(MetacharacterTests))]
    public void Metacharacters_in_volume_names_are_refused_or_sanitized(string nasty)
    {
        Refused.Assert(VolumeValidator.ValidateNew(VolumeSpec.FromGiB("d" + nasty + ".qcow2", VolumeFormat.Qcow2, 1), Pool), "Name", ValidationKeys.NameInvalid);
        ValidationResult<ValidatedVolume> upload = VolumeValidator.ValidateUpload(new UploadSpec("up" + nasty + ".iso", 1), Pool);
        Assert.True(upload.IsValid, string.Join("\n", upload.Problems));
        Assert.Matches(@"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}\z", upload.Value!.Name);
        Assert.Equal(upload.Value.Name, XDocument.Parse(VolumeXmlBuilder.BuildString(upload.Value)).Value("/volume/name"));
    }
}
