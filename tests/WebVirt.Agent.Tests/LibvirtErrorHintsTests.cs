using WebVirt.Agent.Session;
using WebVirt.Contracts;
using WebVirt.Libvirt;

namespace WebVirt.Agent.Tests;

public sealed class LibvirtErrorHintsTests
{
    private const int QemuDomain = 10;

    [Theory]
    [InlineData(LibvirtErrorCodes.InternalError, "internal error: process exited while connecting to monitor: Could not access KVM kernel module: Permission denied", HintKeys.KvmPermission)]
    [InlineData(LibvirtErrorCodes.InternalError, "Could not access KVM kernel module: No such file or directory", HintKeys.KvmMissing)]
    [InlineData(LibvirtErrorCodes.ConfigUnsupported, "unsupported configuration: Emulator '/usr/bin/qemu-system-x86_64' does not support virt type 'kvm'", HintKeys.KvmMissing)]
    [InlineData(LibvirtErrorCodes.NoDomain, "Domain not found: no domain with matching uuid", HintKeys.NoDomain)]
    [InlineData(LibvirtErrorCodes.OperationInvalid, "Requested operation is not valid: domain is not running", HintKeys.OperationInvalid)]
    [InlineData(LibvirtErrorCodes.OperationFailed, "operation failed: Unable to shut down: ACPI is not enabled", HintKeys.NoAcpi)]
    public void Names_the_advice_that_fits(int code, string message, string hint)
    {
        Assert.Equal(hint, LibvirtErrorHints.For(new LibvirtException(code, QemuDomain, message)));
    }

    [Fact]
    public void Gives_no_advice_where_none_fits()
    {
        Assert.Null(LibvirtErrorHints.For(new LibvirtException(LibvirtErrorCodes.InvalidArg, QemuDomain, "invalid argument: flags")));
    }
}
