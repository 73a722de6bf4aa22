using WebVirt.Contracts;

namespace WebVirt.Agent.Inventory;

/// <summary>The host's emulation setting, kept in the agent's state file, and its card pushed when it changes.</summary>
internal sealed partial class InventoryService
{
    /// <summary>
    /// The first time a host is seen its emulation setting is chosen from its KVM checks, so KVM is
    /// used wherever it works and emulation where it cannot; an administrator may change it later.
    /// </summary>
    private async Task<HostInfo> WithEmulationAsync(HostInfo host, CancellationToken ct)
    {
        try
        {
            if (await localState.GetUseEmulationAsync(ct) is bool chosen)
            {
                return host with { UseEmulation = chosen };
            }

            var useEmulation = !host.Kvm.Ready;
            await localState.SetUseEmulationAsync(useEmulation, ct);
            return host with { UseEmulation = useEmulation };
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Log.StoreFailed(logger, ex.Message);
            return host with { UseEmulation = _host?.UseEmulation ?? !host.Kvm.Ready };
        }
    }

    private async Task PublishHostAsync(HostInfo host)
    {
        var previous = _host;
        _host = host;
        if (previous is null || !SameHost(previous, host))
        {
            await hub.All.HostChanged(host);
        }
    }

    private static bool SameHost(HostInfo a, HostInfo b) =>
        a with { UpdatedAt = default, Kvm = b.Kvm } == b with { UpdatedAt = default } && SameKvm(a.Kvm, b.Kvm);

    private static bool SameKvm(KvmStatus a, KvmStatus b) =>
        a with { KvmModules = [] } == b with { KvmModules = [] } && a.KvmModules.SequenceEqual(b.KvmModules);

    /// <summary>Applies a new emulation setting and pushes the host card at once.</summary>
    public async Task SetUseEmulationAsync(bool useEmulation, CancellationToken ct)
    {
        await localState.SetUseEmulationAsync(useEmulation, ct);
        if (_host is { } host)
        {
            await PublishHostAsync(host with { UseEmulation = useEmulation });
        }
    }
}
