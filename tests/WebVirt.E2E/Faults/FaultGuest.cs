using WebVirt.Testing;

namespace WebVirt.E2E.Faults;

/// <summary>A test guest defined (shut off) on qemu:///system for one fault test, undefined with its folder when disposed.</summary>
internal sealed class FaultGuest : IAsyncDisposable
{
    public const string Uri = "qemu:///system";

    private readonly string _runDirectory;

    private FaultGuest(string name, string runDirectory)
    {
        Name = name;
        _runDirectory = runDirectory;
    }

    public string Name { get; }

    public string Uuid { get; private set; } = "";

    public static async Task<FaultGuest> DefineAsync(string name)
    {
        var guest = new FaultGuest(name, TestGuestImages.CreateRunDirectory());
        await TestGuestImages.CopyIntoAsync(guest._runDirectory, CancellationToken.None, TestGuestImages.Kernel, TestGuestImages.Initrd);
        using var connection = LibvirtConnection.Open(Uri);
        using var domain = connection.DefineDomainXml(TestGuestDomainXml.DirectKernelBoot(name, guest._runDirectory));
        guest.Uuid = domain.Uuid;
        return guest;
    }

    public ValueTask DisposeAsync()
    {
        TestGuestCleaner.RemoveRunGuests(Uri, prefix: Name);
        if (Directory.Exists(_runDirectory))
        {
            Directory.Delete(_runDirectory, recursive: true);
        }

        return ValueTask.CompletedTask;
    }
}
