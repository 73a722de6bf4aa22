using WebVirt.Domain.Storage;
using WebVirt.Domain.Tests.Support;
using WebVirt.Domain.Validation;

namespace WebVirt.Domain.Tests.Storage;

/// <summary>Checksums, sums files, image headers and the volume a download fills.</summary>
public sealed class DownloadChecksumTests
{
    private const long GiB = VolumeSpec.GiB;
    private static readonly string Sha256 = new string('a', 63) + "F";
    private static readonly string Sha512 = new string('0', 127) + "1";
    private static readonly StoragePoolInfo Pool = new("images", "/srv/images", 20 * GiB, [new PoolVolume("/srv/images/taken.qcow2", "qcow2")]);

    [Theory]
    [InlineData("sha256:", 64, ChecksumAlgorithm.Sha256)]
    [InlineData("SHA512:", 128, ChecksumAlgorithm.Sha512)]
    [InlineData("", 64, ChecksumAlgorithm.Sha256)]
    [InlineData("  ", 128, ChecksumAlgorithm.Sha512)]
    public void A_pasted_sum_tells_its_algorithm_by_length_or_prefix(string prefix, int length, ChecksumAlgorithm algorithm)
    {
        var problems = new List<ValidationProblem>();
        string hex = length == 64 ? Sha256 : Sha512;

        ImageChecksum? sum = ImageChecksum.Parse(prefix + hex + "  noble.img", "Checksum", problems);

        Assert.Empty(problems);
        Assert.Equal(new ImageChecksum(algorithm, hex.ToLowerInvariant()), sum);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("sha512:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("md5:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("gggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggg")]
    [InlineData("")]
    public void Anything_else_pasted_is_refused(string text)
    {
        var problems = new List<ValidationProblem>();

        Assert.Null(ImageChecksum.Parse(text, "Checksum", problems));
        Assert.Equal(ValidationKeys.ChecksumInvalid, Assert.Single(problems).Key);
    }

    [Fact]
    public void Gnu_sums_files_are_read_in_text_and_binary_mode()
    {
        string[] lines = [$"{Sha512}  other.img", $"{Sha256} *noble-server-cloudimg-amd64.img", $"{Sha512} *./sub/debian-12.qcow2"];

        Assert.Equal(new ImageChecksum(ChecksumAlgorithm.Sha256, Sha256.ToLowerInvariant()), ChecksumFiles.Find(lines, "noble-server-cloudimg-amd64.img"));
        Assert.Equal(ChecksumAlgorithm.Sha512, ChecksumFiles.Find(lines, "debian-12.qcow2")!.Algorithm);
        Assert.Null(ChecksumFiles.Find(lines, "missing.img"));
    }

    [Fact]
    public void Bsd_sums_files_are_read_past_signatures_and_comments()
    {
        string[] lines =
        [
            "-----BEGIN PGP SIGNED MESSAGE-----", "Hash: SHA256", "", "# Fedora-Cloud-Base.qcow2: 123 bytes",
            $"SHA256 (Fedora-Cloud-Base.qcow2) = {Sha256}", $"SHA512 (other.qcow2) = {Sha512}", "-----BEGIN PGP SIGNATURE-----",
        ];

        Assert.Equal(new ImageChecksum(ChecksumAlgorithm.Sha256, Sha256.ToLowerInvariant()), ChecksumFiles.Find(lines, "Fedora-Cloud-Base.qcow2"));
        Assert.Null(ChecksumFiles.Find([$"SHA512 (x.qcow2) = {Sha256}"], "x.qcow2"));
    }

    [Fact]
    public void The_qcow2_magic_and_a_backing_file_are_seen_in_the_header()
    {
        byte[] plain = [(byte)'Q', (byte)'F', (byte)'I', 0xfb, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0];
        byte[] backed = [.. plain[..8], 0, 0, 0, 0, 0, 0, 0x01, 0x30];

        Assert.Equal(new ImageHeader(true, false), ImageHeader.Read(plain));
        Assert.Equal(new ImageHeader(true, true), ImageHeader.Read(backed));
        Assert.Equal(new ImageHeader(false, false), ImageHeader.Read("CD001"u8));
    }

    [Fact]
    public void A_derived_name_takes_the_extension_of_the_content_and_a_given_one_is_refused()
    {
        var qcow2 = new ImageHeader(true, false);
        ValidatedDownload derived = Refused.Valid(VolumeValidator.ValidateDownload(new DownloadSpec("https://example.org/noble.img"), Pool));
        ValidatedDownload given = Refused.Valid(VolumeValidator.ValidateDownload(new DownloadSpec("https://example.org/noble.img", "noble.img"), Pool));
        ValidatedDownload taken = Refused.Valid(VolumeValidator.ValidateDownload(new DownloadSpec("https://example.org/taken.img"), Pool));

        ValidatedVolume volume = Refused.Valid(VolumeValidator.ValidateDownloadVolume(derived, qcow2, 1000, Pool));
        Assert.Equal(("noble.qcow2", VolumeFormat.Raw, 1000L), (volume.Name, volume.Format, volume.CapacityBytes));
        ValidationProblem problem = Refused.Assert(VolumeValidator.ValidateDownloadVolume(given, qcow2, 1000, Pool), "VolumeName", ValidationKeys.ImageFormatMismatch);
        Assert.Equal("The file is a qcow2 image, which the name 'noble.img' does not say; name the volume 'noble.qcow2'.", problem.Format(System.Globalization.CultureInfo.InvariantCulture));
        Refused.Assert(VolumeValidator.ValidateDownloadVolume(taken, qcow2, 1000, Pool), "VolumeName", ValidationKeys.VolumeExists);
        Refused.Assert(VolumeValidator.ValidateDownloadVolume(derived, new ImageHeader(true, true), 1000, Pool), "Url", ValidationKeys.ImageHasBackingFile);
        Refused.Assert(VolumeValidator.ValidateDownloadVolume(derived, qcow2, 0, Pool), "SizeBytes", ValidationKeys.UploadSizeInvalid);
        Refused.Assert(VolumeValidator.ValidateDownloadVolume(derived, qcow2, 30 * GiB, Pool), "SizeBytes", ValidationKeys.VolumeExceedsPoolFree);
        Assert.Equal(0, Refused.Valid(VolumeValidator.ValidateDownloadVolume(derived, new ImageHeader(false, false), null, Pool)).CapacityBytes);
    }

    [Theory]
    [InlineData("https://user:secret@example.org/x.img", null, "Url", ValidationKeys.UrlCredentialsNotAllowed)]
    [InlineData("https://example.org/x.img", "https://me@example.org/SHA256SUMS", "ChecksumUrl", ValidationKeys.UrlCredentialsNotAllowed)]
    [InlineData("https://example.org/x.img", "file:///etc/SHA256SUMS", "ChecksumUrl", ValidationKeys.UrlSchemeNotAllowed)]
    public void Credentials_and_other_schemes_are_refused_for_the_image_and_its_sums(string url, string? sums, string field, string key) =>
        Refused.Assert(VolumeValidator.ValidateDownload(new DownloadSpec(url, null, null, sums), Pool), field, key);

    [Fact]
    public void A_pasted_sum_and_a_sums_file_together_are_refused()
    {
        Refused.Assert(VolumeValidator.ValidateDownload(new DownloadSpec("https://example.org/x.img", null, Sha256, "https://example.org/SUMS"), Pool), "Checksum", ValidationKeys.ChecksumTwoSources);
        ValidatedDownload download = Refused.Valid(VolumeValidator.ValidateDownload(new DownloadSpec("https://example.org/a%20b.img", null, null, "https://example.org/SUMS"), Pool));
        Assert.Equal(("a b.img", "https://example.org/SUMS"), (download.FileName, download.ChecksumUrl!.ToString()));
    }
}
