using WebVirt.Testing;

namespace WebVirt.Libvirt.Tests.Qemu;

[CollectionDefinition(Name)]
public sealed class QemuCollection : ICollectionFixture<QemuFixture>
{
    public const string Name = "qemu:///system";
}

// Prepares the run directory with the test guest's kernel and initrd, and removes every guest,
// storage pool and network of this run (and the directory) at the end, whether the tests passed
// or not. Guests go first, so no volume or network is still in use when it is removed.
public sealed class QemuFixture : IAsyncLifetime
{
    public const string Uri = "qemu:///system";

    private readonly SemaphoreSlim _guestGate = new(1, 1);
    private RunningTestGuest? _guest;

    public string RunDirectory { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        RunDirectory = TestGuestImages.CreateRunDirectory();
        await TestGuestImages.CopyIntoAsync(RunDirectory, CancellationToken.None, TestGuestImages.Kernel, TestGuestImages.Initrd);
    }

    // One booted guest (qcow2 disk, NIC on an isolated network) shared by the console, screenshot
    // and live-editing tests: booting under TCG is the slow part, and the collection runs its
    // classes one at a time.
    public async Task<RunningTestGuest> GetRunningGuestAsync()
    {
        await _guestGate.WaitAsync();
        try
        {
            return _guest ??= await RunningTestGuest.BootAsync(RunDirectory);
        }
        finally
        {
            _guestGate.Release();
        }
    }

    public Task DisposeAsync()
    {
        TestGuestCleaner.RemoveRunGuests(Uri);
        TestResourceCleaner.RemoveRunPoolsAndNetworks(Uri);
        if (Directory.Exists(RunDirectory))
        {
            Directory.Delete(RunDirectory, recursive: true);
        }

        using LibvirtConnection connection = LibvirtConnection.Open(Uri);
        string[] leftovers = connection.ListAllDomains().Select(d => { using (d) { return d.Name; } })
            .Concat(connection.ListAllStoragePools().Select(p => { using (p) { return p.Name; } }))
            .Concat(connection.ListAllNetworks().Select(n => { using (n) { return n.Name; } }))
            .Where(name => name.StartsWith(TestRun.Prefix, StringComparison.Ordinal)).ToArray();
        if (leftovers.Length > 0)
        {
            throw new InvalidOperationException($"test guests, pools or networks left behind: {string.Join(", ", leftovers)}");
        }

        return Task.CompletedTask;
    }
}
