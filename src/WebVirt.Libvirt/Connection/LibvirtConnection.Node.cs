namespace WebVirt.Libvirt.Connection;

public sealed partial class LibvirtConnection
{
    /// <summary>
    /// Cumulative CPU time in nanoseconds by kind (kernel, user, idle, iowait on Linux), for all
    /// CPUs (cpu -1) or one; host CPU graphs difference two samples.
    /// </summary>
    public unsafe IReadOnlyDictionary<string, ulong> GetNodeCpuStats(int cpu = Interop.Libvirt.VIR_NODE_CPU_STATS_ALL_CPUS)
    {
        int count = 0;
        LibvirtCall.Check(Interop.Libvirt.virNodeGetCPUStats(_handle, cpu, null, ref count, 0), nameof(Interop.Libvirt.virNodeGetCPUStats));

        var stats = new Interop.Libvirt.virNodeCPUStats[count];
        fixed (Interop.Libvirt.virNodeCPUStats* buffer = stats)
        {
            LibvirtCall.Check(Interop.Libvirt.virNodeGetCPUStats(_handle, cpu, buffer, ref count, 0), nameof(Interop.Libvirt.virNodeGetCPUStats));
            var result = new Dictionary<string, ulong>(count, StringComparer.Ordinal);
            for (int i = 0; i < count; i++)
            {
                result[Interop.Libvirt.BorrowString(buffer[i].field) ?? string.Empty] = buffer[i].value;
            }

            return result;
        }
    }

    /// <summary>
    /// The &lt;domainCapabilities&gt; XML for one emulator/arch/machine/virt type (null: the
    /// hypervisor's default): machine types, firmware (OVMF paths), CPU modes, device models.
    /// </summary>
    public unsafe string GetDomainCapabilities(string? emulatorBinary = null, string? arch = null, string? machine = null, string? virtType = null) =>
        LibvirtCall.OwnedString(
            Interop.Libvirt.virConnectGetDomainCapabilities(_handle, emulatorBinary, arch, machine, virtType, 0),
            nameof(Interop.Libvirt.virConnectGetDomainCapabilities));

    // CPU models libvirt knows for arch (e.g. x86_64), whether or not this host can run them.
    public unsafe IReadOnlyList<string> GetCpuModelNames(string arch)
    {
        byte** models = null;
        int count = Interop.Libvirt.virConnectGetCPUModelNames(_handle, arch, &models, 0);
        LibvirtCall.Check(count, nameof(Interop.Libvirt.virConnectGetCPUModelNames));
        return NativeList.TakeOwnedStrings(models, count);
    }
}
