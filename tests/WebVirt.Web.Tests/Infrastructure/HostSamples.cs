using WebVirt.Contracts;

namespace WebVirt.Web.Tests.Infrastructure;

internal static class HostSamples
{
    public static HostInfo Host(string hostId, bool kvmReady = true) => new(
        hostId, "hv-" + hostId, true, null, "Intel Xeon", 8, 2400, 32 * 1024 * 1024, 16 * 1024 * 1024,
        new KvmStatus(kvmReady ? "vmx" : null, kvmReady, kvmReady ? ["kvm", "kvm_intel"] : [], kvmReady,
            kvmReady ? AgentText.Of(ErrorCodes.DevKvmAccess, "rw-rw----", "root:kvm", "libvirt-qemu") : AgentText.Of(ErrorCodes.DevKvmMissing, "/dev/kvm"), kvmReady),
        "10.0.0", "QEMU 8.2.0", !kvmReady, DateTimeOffset.UtcNow);
}
