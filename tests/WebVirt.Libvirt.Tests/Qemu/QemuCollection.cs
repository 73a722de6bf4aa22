using WebVirt.Testing;

namespace WebVirt.Libvirt.Tests.Qemu;

[CollectionDefinition(Name)]
public sealed class QemuCollection : ICollectionFixture<QemuFixture>
{
    public const string Name = "qemu:///system";
}

// Prepares the run directory with the test guest's kernel and initrd, and removes every guest of
// this run (and the directory) at the end, whether the tests passed or not.
public sealed class QemuFixture : IAsyncLifetime
{
    public const string Uri = "qemu:///system";

    public string RunDirectory { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        RunDirectory = TestGuestImages.CreateRunDirectory();
        await TestGuestImages.CopyIntoAsync(RunDirectory, CancellationToken.None, TestGuestImages.Kernel, TestGuestImages.Initrd);
    }

    public Task DisposeAsync()
    {
        TestGuestCleaner.RemoveRunGuests(Uri, RunDirectory);

        using LibvirtConnection connection = LibvirtConnection.Open(Uri);
        string[] leftovers = connection.ListAllDomains().Select(d => { using (d) { return d.Name; } })
            .Where(name => name.StartsWith(TestRun.Prefix, StringComparison.Ordinal)).ToArray();
        if (leftovers.Length > 0)
        {
            throw new InvalidOperationException($"test guests left behind: {string.Join(", ", leftovers)}");
        }

        return Task.CompletedTask;
    }
}
