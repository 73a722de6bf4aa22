using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using WebVirt.Contracts;
using WebVirt.Testing;

namespace WebVirt.Agent.Tests;

/// <summary>The classes that share one <see cref="ProvisioningFixture"/> (its pool and networks have fixed names): one after another.</summary>
[CollectionDefinition(Name)]
public sealed class ProvisioningCollection : ICollectionFixture<ProvisioningFixture>
{
    public const string Name = "provisioning";
}

/// <summary>
/// An in-process agent on qemu:///system with the host set to emulation (TCG), and a run-prefixed
/// directory pool holding copies of the test guest's ISO and disk. Everything the tests make is
/// named with <see cref="Prefix"/> and removed on dispose, also after failures.
/// </summary>
public sealed class ProvisioningFixture : IAsyncLifetime
{
    public const string Uri = "qemu:///system";

    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    /// <summary>This class's share of the run prefix, so parallel test classes keep their own guests.</summary>
    public static string Prefix { get; } = TestRun.GuestName("prov-");


    public string Directory { get; private set; } = "";

    public string PoolName { get; } = Prefix + "pool";

    /// <summary>Defined but never started: a guest plugged into it defines fine and fails to start.</summary>
    public string InactiveNetwork { get; } = Prefix + "down";

    /// <summary>Isolated: no forward, no address, no DHCP; a guest's card on it reaches nothing.</summary>
    public string IsolatedNetwork { get; } = Prefix + "iso";

    public string PoolPath => Path.Combine(Directory, "pool");

    public string IsoPath => Path.Combine(PoolPath, TestGuestImages.Iso);

    public AgentFactory Agent { get; private set; } = null!;

    public HubConnection Hub { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Directory = Path.Combine(TestGuestImages.CreateRunDirectory(), "provisioning");
        System.IO.Directory.CreateDirectory(PoolPath);
        File.SetUnixFileMode(Directory, (UnixFileMode)0b111_101_101);
        File.SetUnixFileMode(PoolPath, (UnixFileMode)0b111_101_101);
        await TestGuestImages.CopyIntoAsync(PoolPath, CancellationToken.None, TestGuestImages.Iso);
        using (var connection = LibvirtConnection.Open(Uri))
        {
            using var pool = connection.CreateStoragePoolXml(
                $"<pool type='dir'><name>{PoolName}</name><target><path>{PoolPath}</path></target></pool>");
            using var down = connection.DefineNetworkXml($"<network><name>{InactiveNetwork}</name></network>");
            using var isolated = connection.CreateNetworkXml($"<network><name>{IsolatedNetwork}</name></network>");
        }

        Agent = new AgentFactory(Uri);
        Hub = Agent.CreateHubConnection(AgentFactory.Token);
        await Hub.StartAsync();
        await Hub.WaitUntilConnectedAsync(Wait);
        Assert.True((await Hub.InvokeAsync<ActionResult>(nameof(IAgentHub.SetUseEmulation), true)).Ok);
    }

    /// <summary>The task's error as the agent's state file keeps it.</summary>
    public async Task<string?> StoredErrorAsync(string taskId)
    {
        var tasks = await Agent.Services.GetRequiredService<WebVirt.Agent.LocalState.LocalStateStore>().RecentTasksAsync(int.MaxValue, CancellationToken.None);
        return tasks.Single(t => t.Id == Guid.Parse(taskId)).Error;
    }

    /// <summary>Waits for a started task to finish and returns how it ended.</summary>
    public Task<AgentTaskInfo> RunTaskAsync(ProvisioningResult started) => Hub.WaitForTaskAsync(started, Wait);

    public async Task DisposeAsync()
    {
        var failures = new List<Exception>();
        try
        {
            if (Hub is not null)
            {
                await Hub.DisposeAsync();
            }

            if (Agent is not null)
            {
                await Agent.DisposeAsync();
            }
        }
        finally
        {
            Collect(() => TestGuestCleaner.RemoveRunGuests(Uri, prefix: Prefix), failures);
            Collect(() => TestResourceCleaner.RemoveRunPoolsAndNetworks(Uri, Prefix), failures);
            Collect(() => RemoveDirectory(Directory), failures);
        }

        if (failures.Count > 0)
        {
            throw new AggregateException(failures);
        }
    }

    /// <summary>Copies a test guest file into the pool under a new name and lets libvirt see it.</summary>
    public async Task<string> AddToPoolAsync(string image, string volumeName)
    {
        string output = await TestGuestImages.EnsureBuiltAsync();
        string target = Path.Combine(PoolPath, volumeName);
        File.Copy(Path.Combine(output, image), target);
        File.SetUnixFileMode(target, (UnixFileMode)0b110_100_100);
        RefreshPool();
        return target;
    }

    public void RefreshPool()
    {
        using var connection = LibvirtConnection.Open(Uri);
        using var pool = connection.LookupStoragePoolByName(PoolName);
        pool.Refresh();
    }

    public IReadOnlyList<string> PoolVolumeNames()
    {
        using var connection = LibvirtConnection.Open(Uri);
        using var pool = connection.LookupStoragePoolByName(PoolName);
        pool.Refresh();
        return [.. pool.ListAllVolumes().Select(v => { using (v) { return v.Name; } })];
    }

    public static bool DomainExists(string name)
    {
        using var connection = LibvirtConnection.Open(Uri);
        return connection.ListAllDomains().Select(d => { using (d) { return d.Name; } }).Contains(name);
    }

    // The run directory is shared with other test classes: it goes only when this class left it empty.
    private static void RemoveDirectory(string directory)
    {
        if (System.IO.Directory.Exists(directory))
        {
            System.IO.Directory.Delete(directory, recursive: true);
        }

        string? parent = Path.GetDirectoryName(directory);
        if (parent is not null && System.IO.Directory.Exists(parent) && !System.IO.Directory.EnumerateFileSystemEntries(parent).Any())
        {
            System.IO.Directory.Delete(parent);
        }
    }

    private static void Collect(Action action, List<Exception> failures)
    {
        try
        {
            action();
        }
        catch (Exception ex)
        {
            failures.Add(ex);
        }
    }
}
