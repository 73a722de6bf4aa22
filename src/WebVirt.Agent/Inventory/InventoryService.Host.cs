using WebVirt.Contracts;

namespace WebVirt.Agent.Inventory;

/// <summary>The host's own record: registered once in the database, its emulation setting, and its card pushed when it changes.</summary>
internal sealed partial class InventoryService
{
    /// <summary>
    /// The first time a host is seen its emulation setting is chosen from its KVM checks, so KVM is
    /// used wherever it works and emulation where it cannot; an administrator may change it later.
    /// </summary>
    private async Task<HostInfo> RegisterHostAsync(HostInfo host, CancellationToken ct)
    {
        try
        {
            var record = await store.EnsureHostAsync(HostId, host.Hostname, host.LibvirtVersion, host.HypervisorVersion, ct);
            var useEmulation = record.UseEmulation;
            if (record.FirstSeenAt == record.LastSeenAt)
            {
                useEmulation = !host.Kvm.Ready;
                await store.SetUseEmulationAsync(HostId, useEmulation, ct);
            }

            _hostKnownToStore = true;
            return host with { UseEmulation = useEmulation };
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.StoreFailed(logger, ex.Message);
            return host with { UseEmulation = !host.Kvm.Ready };
        }
    }

    private async Task<bool?> ReadUseEmulationAsync(CancellationToken ct)
    {
        if (!_hostKnownToStore)
        {
            return null;
        }

        try
        {
            return await store.GetUseEmulationAsync(HostId, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.StoreFailed(logger, ex.Message);
            return _host?.UseEmulation ?? false;
        }
    }

    private async Task PublishHostAsync(HostInfo host)
    {
        var previous = _host;
        _host = host;
        if (previous is null || !SameHost(previous, host))
        {
            await hub.Clients.All.HostChanged(host);
        }
    }

    private static bool SameHost(HostInfo a, HostInfo b) =>
        a with { UpdatedAt = default, Kvm = b.Kvm } == b with { UpdatedAt = default } && SameKvm(a.Kvm, b.Kvm);

    private static bool SameKvm(KvmStatus a, KvmStatus b) =>
        a with { KvmModules = [] } == b with { KvmModules = [] } && a.KvmModules.SequenceEqual(b.KvmModules);

    /// <summary>Applies a new emulation setting and pushes the host card at once.</summary>
    public async Task SetUseEmulationAsync(bool useEmulation, CancellationToken ct)
    {
        await store.SetUseEmulationAsync(HostId, useEmulation, ct);
        _hostKnownToStore = true;
        if (_host is { } host)
        {
            await PublishHostAsync(host with { UseEmulation = useEmulation });
        }
    }
}
