namespace WebVirt.Agent.HostChecks;

/// <summary>Where the host checks read from; tests point these at a fake tree.</summary>
internal sealed record HostPaths(
    string CpuInfo = "/proc/cpuinfo",
    string SysModule = "/sys/module",
    string DevKvm = "/dev/kvm",
    string QemuConf = "/etc/libvirt/qemu.conf",
    string Passwd = "/etc/passwd",
    string Group = "/etc/group");
