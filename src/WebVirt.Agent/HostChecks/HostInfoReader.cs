using WebVirt.Agent.Configuration;
using WebVirt.Contracts;
using WebVirt.Libvirt;
using Microsoft.Extensions.Options;

namespace WebVirt.Agent.HostChecks;

/// <summary>Reads the host card's facts from libvirt and the host's own files.</summary>
internal sealed class HostInfoReader(IOptions<AgentOptions> options, KvmProbe probe, CpuModelReader cpuModels)
{
    public HostInfo Read(LibvirtConnection connection, bool useEmulation)
    {
        var node = connection.GetNodeInfo();
        var memory = ReadMemoryStats(connection);
        string capabilities = connection.GetCapabilities();
        var kvm = probe.Probe(capabilities);
        string? libvirtCpuModel = CpuModelReader.LibvirtModel(capabilities);
        return new HostInfo(
            options.Value.ResolvedHostId,
            connection.GetHostname(),
            Connected: true,
            ConnectionError: null,
            cpuModels.ProcessorName() ?? libvirtCpuModel ?? node.Model,
            node.Cpus,
            node.MhZ,
            memory.GetValueOrDefault("total") is var total and > 0 ? (long)total : node.MemoryKiB,
            (long)(memory.GetValueOrDefault("free") + memory.GetValueOrDefault("buffers") + memory.GetValueOrDefault("cached")),
            kvm,
            LibvirtConnection.FormatVersion(connection.GetLibVersion()),
            $"{connection.GetHypervisorType()} {LibvirtConnection.FormatVersion(connection.GetHypervisorVersion())}",
            useEmulation,
            DateTimeOffset.UtcNow,
            libvirtCpuModel);
    }

    private static IReadOnlyDictionary<string, ulong> ReadMemoryStats(LibvirtConnection connection)
    {
        try
        {
            return connection.GetNodeMemoryStats();
        }
        catch (LibvirtException ex) when (ex.Code == LibvirtErrorCodes.NoSupport)
        {
            // Some drivers (libvirt's test driver among them) only know the total from the node info.
            return new Dictionary<string, ulong>();
        }
    }

    /// <summary>What the console shows while libvirt is unreachable: the last known facts, marked disconnected.</summary>
    public HostInfo Disconnected(HostInfo? last, string? error) =>
        (last ?? new HostInfo(
            options.Value.ResolvedHostId,
            Environment.MachineName,
            false,
            null,
            "",
            0,
            0,
            0,
            0,
            probe.Probe("<capabilities/>"),
            "",
            "",
            false,
            DateTimeOffset.UtcNow)) with
        {
            Connected = false,
            ConnectionError = error,
            UpdatedAt = DateTimeOffset.UtcNow,
        };
}
