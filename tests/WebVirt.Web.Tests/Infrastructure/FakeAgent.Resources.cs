using System.Collections.Concurrent;
using WebVirt.Contracts;

namespace WebVirt.Web.Tests.Infrastructure;

/// <summary>What the fake agent answers to the storage and networks pages, and what it was asked.</summary>
public sealed class FakeResourceState
{
    public IReadOnlyList<StoragePoolSummary> Pools { get; set; } = [];

    /// <summary>When set, the pools are answered only once it completes (a slow agent).</summary>
    public TaskCompletionSource? PoolsHeld { get; set; }

    public Dictionary<string, IReadOnlyList<StorageVolumeSummary>> Volumes { get; } = new(StringComparer.Ordinal);

    public IReadOnlyList<VirtualNetworkSummary> Networks { get; set; } = [];

    public IReadOnlyList<DhcpLeaseInfo> Leases { get; set; } = [];

    public HostDetails HostDetails { get; set; } = new(12.5, true, true, ["default"], [], ["pc", "q35"], ["qemu64"]);

    /// <summary>Every state-changing call: the hub method and its first argument.</summary>
    public ConcurrentQueue<(string Method, object? Argument)> Changes { get; } = new();

    /// <summary>What every state-changing call answers.</summary>
    public ActionResult NextResult { get; set; } = ActionResult.Success;
}

public sealed partial class FakeAgentState
{
    public FakeResourceState Resources { get; } = new();
}

public sealed partial class FakeAgentHub
{
    private FakeResourceState Resources => state.Resources;

    public async Task<IReadOnlyList<StoragePoolSummary>> GetStoragePools()
    {
        if (Resources.PoolsHeld is { } held)
        {
            await held.Task.WaitAsync(Context.ConnectionAborted);
        }

        return Resources.Pools;
    }

    public Task<IReadOnlyList<StorageVolumeSummary>> GetStorageVolumes(string pool) =>
        Task.FromResult(Resources.Volumes.TryGetValue(pool, out var volumes) ? volumes : []);

    public Task<ActionResult> CreateStoragePool(StoragePoolCreateRequest request) => Change(nameof(CreateStoragePool), request);

    public Task<ActionResult> ActOnStoragePool(string pool, StoragePoolAction action) => Change(nameof(ActOnStoragePool), pool);

    public Task<ActionResult> DeleteStoragePool(string pool, bool deleteVolumes) => Change(nameof(DeleteStoragePool), pool);

    public Task<ActionResult> CreateStorageVolume(StorageVolumeCreateRequest request) => Change(nameof(CreateStorageVolume), request);

    public Task<ActionResult> CloneStorageVolume(StorageVolumeCloneRequest request) => Change(nameof(CloneStorageVolume), request);

    public Task<ActionResult> ResizeStorageVolume(StorageVolumeResizeRequest request) => Change(nameof(ResizeStorageVolume), request);

    public async Task<ProvisioningResult> DownloadStorageVolume(StorageVolumeDownloadRequest request)
    {
        var result = await Change(nameof(DownloadStorageVolume), request);
        return result.Ok ? ProvisioningResult.Started("fake-download") : ProvisioningResult.From(result);
    }

    public Task<ActionResult> DeleteStorageVolume(string pool, string name) => Change(nameof(DeleteStorageVolume), name);

    public Task<ActionResult> RequestTaskCancel(string taskId) => Change(nameof(RequestTaskCancel), taskId);

    public Task<IReadOnlyList<VirtualNetworkSummary>> GetNetworks() => Task.FromResult(Resources.Networks);

    public Task<ActionResult> CreateNetwork(VirtualNetworkCreateRequest request) => Change(nameof(CreateNetwork), request);

    public Task<ActionResult> ActOnNetwork(string network, VirtualNetworkAction action) => Change(nameof(ActOnNetwork), network);

    public Task<ActionResult> DeleteNetwork(string network) => Change(nameof(DeleteNetwork), network);

    public Task<IReadOnlyList<DhcpLeaseInfo>> GetDhcpLeases(string network) => Task.FromResult(Resources.Leases);

    public Task<ActionResult> AddDhcpHost(string network, DhcpHostEntry host) => Change(nameof(AddDhcpHost), host);

    public Task<ActionResult> RemoveDhcpHost(string network, string mac) => Change(nameof(RemoveDhcpHost), mac);

    public Task<ActionResult> SetNetworkBoot(string network, NetworkBootSettings boot) => Change(nameof(SetNetworkBoot), boot);

    private Task<ActionResult> Change(string method, object? argument)
    {
        Resources.Changes.Enqueue((method, argument));
        return Task.FromResult(Resources.NextResult);
    }
}

public sealed partial class FakeAgentHub
{
    public Task<HostDetails> GetHostDetails() => Task.FromResult(Resources.HostDetails);
}
