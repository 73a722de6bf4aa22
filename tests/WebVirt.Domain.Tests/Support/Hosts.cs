using WebVirt.Domain.Validation;

namespace WebVirt.Domain.Tests.Support;

public static class Hosts
{
    public const string UsedMac = "52:54:00:aa:bb:cc";
    public const string ExistingGuest = "existing";
    public static readonly string TemplateUuid = "6f1d8a56-3c1e-4c8e-9a59-0c7f2a4b9e11";

    public static HostLimits For(FakePool pool) => new()
    {
        HostCpus = 4,
        HostMemoryMiB = 8192,
        ExistingGuestNames = [ExistingGuest],
        MacsInUse = [UsedMac],
        Pools = [pool.Info],
        Networks = ["default"],
        Bridges = ["br0"],
        TemplateUuids = [TemplateUuid],
        OvmfAvailable = true,
        SecureBootAvailable = true,
        TpmAvailable = true,
        KvmAvailable = true,
    };
}
