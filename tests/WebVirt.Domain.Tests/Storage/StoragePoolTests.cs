using System.Xml.Linq;
using WebVirt.Domain.Storage;
using WebVirt.Domain.Tests.Support;
using WebVirt.Domain.Validation;

namespace WebVirt.Domain.Tests.Storage;

public sealed class StoragePoolTests
{
    private static readonly StoragePoolInfo Images = new("images", "/var/lib/libvirt/images", 10L << 30, []);
    private static readonly IReadOnlyList<StoragePoolInfo> Existing = [Images];

    private static XDocument Xml(PoolSpec spec) => StoragePoolXmlBuilder.Build(Refused.Valid(StoragePoolValidator.Validate(spec, Existing)));

    [Fact]
    public void A_directory_pool_has_a_normalized_target()
    {
        XDocument xml = Xml(new PoolSpec.Directory("isos", "/srv//isos/./"));

        Assert.Equal("dir", xml.Value("/pool/@type"));
        Assert.Equal("isos", xml.Value("/pool/name"));
        Assert.Equal("/srv/isos", xml.Value("/pool/target/path"));
        Assert.Equal(0, xml.Count("/pool/source"));
    }

    [Theory]
    [InlineData(FileSystemFormat.Auto, "auto")]
    [InlineData(FileSystemFormat.Ext4, "ext4")]
    [InlineData(FileSystemFormat.Xfs, "xfs")]
    public void A_file_system_pool_names_its_device_and_format(FileSystemFormat format, string expected)
    {
        XDocument xml = Xml(new PoolSpec.FileSystem("data", "/dev/sdb1", format, "/srv/data"));

        Assert.Equal("fs", xml.Value("/pool/@type"));
        Assert.Equal("/dev/sdb1", xml.Value("/pool/source/device/@path"));
        Assert.Equal(expected, xml.Value("/pool/source/format/@type"));
        Assert.Equal("/srv/data", xml.Value("/pool/target/path"));
    }

    [Theory]
    [InlineData("nfs.example.org", NetworkFileSystemFormat.Nfs, "nfs")]
    [InlineData("192.0.2.10", NetworkFileSystemFormat.Auto, "auto")]
    [InlineData("fd00::10", NetworkFileSystemFormat.Nfs, "nfs")]
    [InlineData("filer", NetworkFileSystemFormat.Nfs, "nfs")]
    public void A_netfs_pool_names_host_export_and_format(string host, NetworkFileSystemFormat format, string expected)
    {
        XDocument xml = Xml(new PoolSpec.NetworkFileSystem("shared", host, "/export/vm", format, "/mnt/shared"));

        Assert.Equal("netfs", xml.Value("/pool/@type"));
        Assert.Equal(host, xml.Value("/pool/source/host/@name"));
        Assert.Equal("/export/vm", xml.Value("/pool/source/dir/@path"));
        Assert.Equal(expected, xml.Value("/pool/source/format/@type"));
        Assert.Equal("/mnt/shared", xml.Value("/pool/target/path"));
    }

    [Fact]
    public void A_logical_pool_names_its_volume_group_and_devices()
    {
        XDocument xml = Xml(new PoolSpec.Logical("lvm", "vg_guests", ["/dev/sdc", "/dev/sdd"]));

        Assert.Equal("logical", xml.Value("/pool/@type"));
        Assert.Equal("vg_guests", xml.Value("/pool/source/name"));
        Assert.Equal(["/dev/sdc", "/dev/sdd"], xml.All("/pool/source/device").Select(d => (string)d.Attribute("path")!));
        Assert.Equal("lvm2", xml.Value("/pool/source/format/@type"));
        Assert.Equal("/dev/vg_guests", xml.Value("/pool/target/path"));
    }

    [Fact]
    public void A_logical_pool_without_devices_uses_an_existing_group() =>
        Assert.Equal(0, Xml(new PoolSpec.Logical("lvm", "vg0", [])).Count("/pool/source/device"));

    [Theory]
    [InlineData("")]
    [InlineData("-pool")]
    [InlineData("a/b")]
    [InlineData("a b")]
    public void Invalid_names_are_refused(string name) =>
        Refused.Assert(StoragePoolValidator.Validate(new PoolSpec.Directory(name, "/srv/x"), Existing), "Name", ValidationKeys.NameInvalid);

    [Fact]
    public void A_duplicate_name_is_refused()
    {
        ValidationProblem problem = Refused.Assert(StoragePoolValidator.Validate(new PoolSpec.Directory("images", "/srv/x"), Existing), "Name", ValidationKeys.PoolNameDuplicate);
        Assert.Equal("images", problem.Args[0]);
    }

    [Theory]
    [InlineData("srv/x", ValidationKeys.PathNotAbsolute)]
    [InlineData("/srv/../etc", ValidationKeys.PathParentSegment)]
    [InlineData("/srv/x/..", ValidationKeys.PathParentSegment)]
    [InlineData("", ValidationKeys.Required)]
    [InlineData("/srv/a\nb", ValidationKeys.TextControlCharacters)]
    public void Bad_target_paths_are_refused(string path, string key) =>
        Refused.Assert(StoragePoolValidator.Validate(new PoolSpec.Directory("p", path), Existing), "TargetPath", key);

    [Theory]
    [InlineData("/", "/")]
    [InlineData("/etc", "/etc")]
    [InlineData("/etc/libvirt/pool", "/etc")]
    [InlineData("/usr/share/images", "/usr")]
    [InlineData("/bin", "/bin")]
    [InlineData("/boot/x", "/boot")]
    [InlineData("/dev/shm", "/dev")]
    [InlineData("/lib", "/lib")]
    [InlineData("/lib64/x", "/lib64")]
    [InlineData("/libx32", "/libx32")]
    [InlineData("/proc/1", "/proc")]
    [InlineData("/run/x", "/run")]
    [InlineData("/sbin", "/sbin")]
    [InlineData("/sys/kernel", "/sys")]
    [InlineData("//etc/", "/etc")]
    public void System_directories_and_their_insides_are_refused(string path, string system)
    {
        ValidationProblem problem = Refused.Assert(StoragePoolValidator.Validate(new PoolSpec.Directory("p", path), Existing), "TargetPath", ValidationKeys.PoolTargetSystemDirectory);
        Assert.Equal(system, problem.Args[1]);
    }

    [Theory]
    [InlineData("/srv/images")]
    [InlineData("/var/lib/libvirt/isos")]
    [InlineData("/home/vm")]
    [InlineData("/usrdata")]
    [InlineData("/etcetera")]
    public void Ordinary_directories_are_accepted(string path) =>
        Refused.Valid(StoragePoolValidator.Validate(new PoolSpec.Directory("p", path), Existing));

    [Theory]
    [InlineData("/var/lib/libvirt/images")]
    [InlineData("/var/lib/libvirt/images/sub")]
    [InlineData("/var/lib/libvirt")]
    public void A_target_overlapping_another_pool_is_refused(string path)
    {
        ValidationProblem problem = Refused.Assert(StoragePoolValidator.Validate(new PoolSpec.Directory("p", path), Existing), "TargetPath", ValidationKeys.PoolTargetInUse);
        Assert.Equal("images", problem.Args[2]);
    }

    [Theory]
    [InlineData("/dev")]
    [InlineData("/dev/")]
    [InlineData("/srv/sdb1")]
    [InlineData("/devices/sdb")]
    public void Fs_devices_outside_dev_are_refused(string device) =>
        Refused.Assert(StoragePoolValidator.Validate(new PoolSpec.FileSystem("p", device, FileSystemFormat.Auto, "/srv/p"), Existing), "SourceDevice", ValidationKeys.DevicePathInvalid);

    [Fact]
    public void Fs_device_with_a_parent_segment_is_refused() =>
        Refused.Assert(StoragePoolValidator.Validate(new PoolSpec.FileSystem("p", "/dev/../etc/passwd", FileSystemFormat.Auto, "/srv/p"), Existing), "SourceDevice", ValidationKeys.PathParentSegment);

    [Fact]
    public void An_undefined_format_is_refused() =>
        Refused.Assert(StoragePoolValidator.Validate(new PoolSpec.FileSystem("p", "/dev/sdb", (FileSystemFormat)9, "/srv/p"), Existing), "Format", ValidationKeys.OptionInvalid);

    [Theory]
    [InlineData("")]
    [InlineData("-host")]
    [InlineData("host-")]
    [InlineData("a..b")]
    [InlineData("10.0.0.256")]
    [InlineData("10.1")]
    [InlineData("fe80::1%eth0")]
    [InlineData("[fd00::1]")]
    [InlineData("host name")]
    [InlineData("host_name")]
    [InlineData("nfs.example.org:/export")]
    public void Bad_netfs_hosts_are_refused(string host) =>
        Refused.Assert(
            StoragePoolValidator.Validate(new PoolSpec.NetworkFileSystem("p", host, "/export", NetworkFileSystemFormat.Nfs, "/mnt/p"), Existing),
            "Host",
            host.Length == 0 ? ValidationKeys.Required : ValidationKeys.HostInvalid);

    [Fact]
    public void A_relative_netfs_export_is_refused() =>
        Refused.Assert(StoragePoolValidator.Validate(new PoolSpec.NetworkFileSystem("p", "filer", "export", NetworkFileSystemFormat.Nfs, "/mnt/p"), Existing), "SourceDirectory", ValidationKeys.PathNotAbsolute);

    [Theory]
    [InlineData("")]
    [InlineData("-vg")]
    [InlineData(".vg")]
    [InlineData("vg/x")]
    [InlineData("vg x")]
    public void Bad_volume_groups_are_refused(string group) =>
        Refused.Assert(StoragePoolValidator.Validate(new PoolSpec.Logical("p", group, []), Existing), "VolumeGroup", ValidationKeys.VolumeGroupInvalid);

    [Fact]
    public void Logical_devices_must_be_under_dev_and_listed_once()
    {
        Refused.Assert(StoragePoolValidator.Validate(new PoolSpec.Logical("p", "vg", ["/tmp/disk"]), Existing), "SourceDevices", ValidationKeys.DevicePathInvalid);
        Refused.Assert(StoragePoolValidator.Validate(new PoolSpec.Logical("p", "vg", ["/dev/sdb", "/dev//sdb"]), Existing), "SourceDevices", ValidationKeys.DeviceListedTwice);
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        ValidationResult<ValidatedPool> result = StoragePoolValidator.Validate(new PoolSpec.NetworkFileSystem("images", "bad host", "rel", NetworkFileSystemFormat.Nfs, "/etc/x"), Existing);

        Assert.Null(result.Value);
        Assert.Equal(
            [ValidationKeys.PoolNameDuplicate, ValidationKeys.HostInvalid, ValidationKeys.PathNotAbsolute, ValidationKeys.PoolTargetSystemDirectory],
            result.Problems.Select(p => p.Key));
    }

    [Theory]
    [MemberData(nameof(MetacharacterTests.Nasties), MemberType = typeof(MetacharacterTests))]
    public void Metacharacters_in_names_hosts_and_groups_are_refused(string nasty)
    {
        Refused.Assert(StoragePoolValidator.Validate(new PoolSpec.Directory("p" + nasty, "/srv/p"), Existing), "Name", ValidationKeys.NameInvalid);
        Refused.Assert(StoragePoolValidator.Validate(new PoolSpec.NetworkFileSystem("p", "filer" + nasty, "/e", NetworkFileSystemFormat.Nfs, "/mnt/p"), Existing), "Host", ValidationKeys.HostInvalid);
        Refused.Assert(StoragePoolValidator.Validate(new PoolSpec.Logical("p", "vg" + nasty, []), Existing), "VolumeGroup", ValidationKeys.VolumeGroupInvalid);
    }

    [Theory]
    [MemberData(nameof(MetacharacterTests.Nasties), MemberType = typeof(MetacharacterTests))]
    public void Metacharacters_in_paths_are_escaped(string nasty)
    {
        string safe = nasty.Replace('/', '_');
        XDocument xml = XDocument.Parse(Xml(new PoolSpec.NetworkFileSystem("p", "filer", "/export/" + safe, NetworkFileSystemFormat.Nfs, "/srv/" + safe)).ToString());

        Assert.Equal("/export/" + safe, xml.Value("/pool/source/dir/@path"));
        Assert.Equal("/srv/" + safe, xml.Value("/pool/target/path"));
        Assert.Equal(1, xml.Count("/pool/name"));

        XDocument fs = XDocument.Parse(Xml(new PoolSpec.FileSystem("p", "/dev/disk/by-label/" + safe, FileSystemFormat.Auto, "/srv/p")).ToString());
        Assert.Equal("/dev/disk/by-label/" + safe, fs.Value("/pool/source/device/@path"));
    }
}
