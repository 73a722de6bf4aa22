using WebVirt.Agent.HostChecks;
using WebVirt.Contracts;

namespace WebVirt.Agent.Tests;

/// <summary>The KVM checks on a fake host tree, one failing check at a time.</summary>
public sealed class KvmProbeTests : IDisposable
{
    private const string KvmCapabilities = "<capabilities><guest><arch name='x86_64'><domain type='qemu'/><domain type='kvm'/></arch></guest></capabilities>";
    private const string TcgCapabilities = "<capabilities><guest><arch name='x86_64'><domain type='qemu'/></arch></guest></capabilities>";
    private readonly string _root = Directory.CreateTempSubdirectory("wvt-kvmprobe-").FullName;

    public KvmProbeTests()
    {
        var gid = FileOwnership.Read("/etc/passwd")!.Value.Gid;
        Write("cpuinfo", "processor\t: 0\nflags\t\t: fpu vme de pse vmx sse2\n");
        Directory.CreateDirectory(Path.Combine(_root, "module", "kvm"));
        Directory.CreateDirectory(Path.Combine(_root, "module", "kvm_intel"));
        Directory.CreateDirectory(Path.Combine(_root, "module", "ext4"));
        Write("kvm", "");
        File.SetUnixFileMode(Path.Combine(_root, "kvm"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite);
        Write("qemu.conf", "# user = \"root\"\n");

        // The fake /dev/kvm belongs to the group of /etc/passwd (root's group here); the QEMU user is a member.
        Write("passwd", $"libvirt-qemu:x:64055:{gid + 1000}::/var/lib/libvirt:/usr/sbin/nologin\n");
        Write("group", $"kvm:x:{gid}:libvirt-qemu\n");
    }

    private KvmProbe Probe => new(new HostPaths(
        Path.Combine(_root, "cpuinfo"),
        Path.Combine(_root, "module"),
        Path.Combine(_root, "kvm"),
        Path.Combine(_root, "qemu.conf"),
        Path.Combine(_root, "passwd"),
        Path.Combine(_root, "group")));

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void A_host_with_every_check_passing_is_ready()
    {
        var status = Probe.Probe(KvmCapabilities);

        Assert.Equal("vmx", status.CpuVirtFlag);
        Assert.True(status.KvmModulesLoaded);
        Assert.Equal(["kvm", "kvm_intel"], status.KvmModules);
        Assert.True(status.DevKvmUsable, status.DevKvmDetail.ToString());
        Assert.Equal(ErrorCodes.DevKvmAccess, status.DevKvmDetail.Code);
        Assert.Equal("rw-rw----", status.DevKvmDetail.Args[0]);
        Assert.True(status.LibvirtOffersKvm);
        Assert.True(status.Ready);
    }

    [Fact]
    public void No_cpu_flag_is_reported_as_such()
    {
        Write("cpuinfo", "flags\t\t: fpu vme hypervisor\n");
        var status = Probe.Probe(KvmCapabilities);
        Assert.Null(status.CpuVirtFlag);
        Assert.False(status.Ready);
    }

    [Fact]
    public void Svm_is_recognised()
    {
        Write("cpuinfo", "flags\t\t: fpu svm\n");
        Assert.Equal("svm", Probe.CpuVirtFlag());
    }

    [Fact]
    public void Only_the_generic_module_is_not_enough()
    {
        Directory.Delete(Path.Combine(_root, "module", "kvm_intel"));
        var status = Probe.Probe(KvmCapabilities);
        Assert.False(status.KvmModulesLoaded);
        Assert.Equal(["kvm"], status.KvmModules);
    }

    [Fact]
    public void A_device_the_qemu_user_cannot_open_is_not_usable()
    {
        Write("group", "kvm:x:4242:someone-else\n");
        var status = Probe.Probe(KvmCapabilities);
        Assert.False(status.DevKvmUsable);
        Assert.Equal(ErrorCodes.DevKvmAccess, status.DevKvmDetail.Code);
        Assert.Equal("libvirt-qemu", status.DevKvmDetail.Args[2]);
    }

    [Fact]
    public void A_missing_device_says_so()
    {
        File.Delete(Path.Combine(_root, "kvm"));
        var status = Probe.Probe(KvmCapabilities);
        Assert.False(status.DevKvmUsable);
        // A code and the path, never English: the console words it in the user's language.
        Assert.Equal(ErrorCodes.DevKvmMissing, status.DevKvmDetail.Code);
        Assert.Equal([Path.Combine(_root, "kvm")], status.DevKvmDetail.Args);
    }

    [Fact]
    public void A_device_open_to_everyone_is_usable()
    {
        Write("group", "kvm:x:4242:\n");
        File.SetUnixFileMode(Path.Combine(_root, "kvm"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite);
        Assert.True(Probe.Probe(KvmCapabilities).DevKvmUsable);
    }

    [Fact]
    public void Qemu_running_as_root_can_use_the_device()
    {
        Write("group", "kvm:x:4242:\n");
        Write("qemu.conf", "user = \"root\"\n");
        Assert.Equal("root", Probe.QemuUser());
        Assert.True(Probe.Probe(KvmCapabilities).DevKvmUsable);
    }

    [Fact]
    public void Libvirt_without_a_kvm_domain_type_is_reported()
    {
        var status = Probe.Probe(TcgCapabilities);
        Assert.False(status.LibvirtOffersKvm);
        Assert.False(status.Ready);
    }

    [Fact]
    public void Malformed_capabilities_do_not_throw()
    {
        Assert.False(KvmProbe.OffersKvm("<capabilities"));
    }

    private void Write(string name, string text) => File.WriteAllText(Path.Combine(_root, name), text);
}
