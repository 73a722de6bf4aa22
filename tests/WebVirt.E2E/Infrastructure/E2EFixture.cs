using Microsoft.Playwright;
using WebVirt.Libvirt;
using WebVirt.Testing;
using WebVirt.Testing.Browser;

namespace WebVirt.E2E.Infrastructure;

/// <summary>
/// One WebVirt installation on the real qemu:///system with one TCG test guest (defined, shut
/// off) and a browser, shared by the end-to-end tests and torn down after them, also on failure.
/// </summary>
public sealed class E2EFixture : IAsyncLifetime
{
    public const string LibvirtUri = "qemu:///system";

    private string _runDirectory = "";

    public WebVirtStack Stack { get; private set; } = null!;

    public IPlaywright Playwright { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public string GuestName { get; } = TestRun.GuestName("e2e");

    public string SerialLogPath => TestGuestDomainXml.SerialLogPath(GuestName, _runDirectory);

    public async Task InitializeAsync()
    {
        _runDirectory = TestGuestImages.CreateRunDirectory();
        await TestGuestImages.CopyIntoAsync(_runDirectory, CancellationToken.None, TestGuestImages.Kernel, TestGuestImages.Initrd);
        using (var connection = LibvirtConnection.Open(LibvirtUri))
        using (connection.DefineDomainXml(TestGuestDomainXml.DirectKernelBoot(GuestName, _runDirectory)))
        {
        }

        Stack = await WebVirtStack.StartAsync(LibvirtUri, "e2e");
        (Playwright, Browser) = await DebianChromium.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        Playwright?.Dispose();
        if (Stack is not null)
        {
            await Stack.DisposeAsync();
        }

        RemoveGuest();
        if (Directory.Exists(_runDirectory))
        {
            Directory.Delete(_runDirectory, recursive: true);
        }
    }

    public void StartGuest()
    {
        using var connection = LibvirtConnection.Open(LibvirtUri);
        using var domain = connection.LookupDomainByName(GuestName);
        if (!domain.IsActive())
        {
            domain.Create();
        }
    }

    public void DestroyGuest()
    {
        using var connection = LibvirtConnection.Open(LibvirtUri);
        using var domain = connection.LookupDomainByName(GuestName);
        if (domain.IsActive())
        {
            domain.Destroy();
        }
    }

    private void RemoveGuest()
    {
        using var connection = LibvirtConnection.Open(LibvirtUri);
        try
        {
            using var domain = connection.LookupDomainByName(GuestName);
            if (domain.IsActive())
            {
                domain.Destroy();
            }

            domain.Undefine();
        }
        catch (LibvirtException ex) when (ex.Code == LibvirtErrorCodes.NoDomain)
        {
        }
    }
}

[CollectionDefinition(Name)]
public sealed class E2ECollection : ICollectionFixture<E2EFixture>
{
    public const string Name = "e2e";
}
