using System.Xml.Linq;
using Microsoft.Playwright;
using WebVirt.E2E.Infrastructure;
using WebVirt.Libvirt;
using WebVirt.Testing;
using WebVirt.Testing.Browser;
using static Microsoft.Playwright.Assertions;

namespace WebVirt.E2E.Migration;

/// <summary>A guest of a <see cref="MigrationScene"/>: its libvirt name and UUID.</summary>
internal sealed record SceneGuest(string Name, string Uuid);

/// <summary>
/// What the migration E2E tests stand on, made in one place and removed in one place: extra libvirt hosts, a WebVirt
/// stack on the system libvirtd, an agent per extra host (its migrations on its own loopback address) enrolled on the
/// hosts page, the folder every host sees with the test guest's kernel, TCG test guests with their disks on a pool
/// marked shared or on a local pool, and a browser. <see cref="DisposeAsync"/> removes only what the scene made, and
/// runs every step even when the test (or another step) failed.
/// </summary>
internal sealed class MigrationScene : IAsyncDisposable
{
    private const string SystemUri = "qemu:///system";

    private readonly MigrationSceneSetup _setup;
    private readonly Dictionary<string, EnrollableAgent> _agents = [];
    private readonly List<SceneGuest> _guests = [];
    private LibvirtHosts? _hosts;
    private WebVirtStack? _stack;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    private MigrationScene(MigrationSceneSetup setup)
    {
        _setup = setup;
        Prefix = $"{TestRun.Prefix}{setup.Name}-";
        SharedFolder = Path.Combine(LibvirtHosts.SharedDirectory, Prefix + "run");
        LocalFolder = Path.Combine("/var/lib", Prefix + "src");
    }

    /// <summary>The start of every name the scene gives (guests, pools, agents' host ids, folders).</summary>
    public string Prefix { get; }

    /// <summary>The folder every host sees: the kernel, the initrd, the serial logs, and the disks of <see cref="SceneDisk.SharedFolder"/>.</summary>
    public string SharedFolder { get; }

    public WebVirtStack Stack => _stack ?? throw new InvalidOperationException("the scene has no stack yet");

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("the scene has no browser yet");

    public IReadOnlyList<SceneGuest> Guests => _guests;

    /// <summary>The scene's only guest.</summary>
    public SceneGuest Guest => _guests is [var only] ? only : throw new InvalidOperationException($"the scene has {_guests.Count} guests");

    /// <summary>The libvirt URI of the host the guests started on.</summary>
    public string GuestsUri => _setup.GuestsOn is { } letter ? LibvirtHosts.Uri(letter) : SystemUri;

    /// <summary>The console's id of the host the guests started on.</summary>
    public string GuestsHostId => _setup.GuestsOn is { } letter ? Agent(letter).HostId : Stack.HostId;

    /// <summary>The pool the guests' disks are in on the host they started on.</summary>
    public string SourcePool => _setup.Disk == SceneDisk.LocalPool ? Prefix + "src" : SharedPool(_setup.GuestsOn);

    private string LocalFolder { get; }

    /// <summary>
    /// Starts the scene <paramref name="setup"/> describes, the guests booting while the administrator enrols the hosts
    /// (and, with the shared folder, marks its pool on every scene host shared on the storage page). When a step fails,
    /// what was made is removed before the failure is thrown.
    /// </summary>
    public static async Task<MigrationScene> StartAsync(MigrationSceneSetup setup)
    {
        if (setup.Disk == SceneDisk.LocalPool && setup.GuestsOn is not null)
        {
            throw new ArgumentException("a local pool is made on the stack's own host only", nameof(setup));
        }

        var scene = new MigrationScene(setup);
        try
        {
            await scene.BuildAsync();
            return scene;
        }
        catch
        {
            await scene.DisposeAsync();
            throw;
        }
    }

    public EnrollableAgent Agent(string letter) => _agents[letter];

    public string SerialLogOf(SceneGuest guest) => TestGuestDomainXml.SerialLogPath(guest.Name, SharedFolder);

    /// <summary>Starts <see cref="SerialTicker"/>'s loop in the booted <paramref name="guest"/>: its uptime in the shared serial log from now on.</summary>
    public async Task StartTickerAsync(SceneGuest guest)
    {
        using var connection = LibvirtConnection.Open(GuestsUri);
        using var domain = connection.LookupDomainByName(guest.Name);
        await SerialTicker.StartAsync(domain, SerialLogOf(guest));
    }

    /// <summary>
    /// A page in a fresh browser context on the console, in English or Simplified Chinese, logged in as the
    /// administrator (<see cref="PageSteps.WithFailureScreenshotAsync"/> closes a page's context after its steps).
    /// </summary>
    public async Task<IPage> PageAsync(bool chinese = false)
    {
        var webUrl = Stack.WebUrl;
        var context = await DebianChromium.NewContextAsync(Browser, webUrl, chinese ? "zh-CN" : "en-US");
        if (chinese)
        {
            await context.AddCookiesAsync([new Cookie { Name = ".AspNetCore.Culture", Value = "c=zh-Hans|uic=zh-Hans", Url = webUrl }]);
        }

        var page = await context.NewPageAsync();
        await PageSteps.LoginAsync(page, "admin", WebVirtStack.AdminPassword);
        return page;
    }

    /// <summary>Gives the guest on the page notes and a tag in its notes card, as a user would; they should follow it to another host.</summary>
    public static async Task WriteNotesAsync(IPage page, string description, string tag)
    {
        await PageSteps.Field(page, "guest-notes-description", "textarea").FillAsync(description);
        await PageSteps.Field(page, "guest-notes-tag-input", "input").FillAsync(tag);
        await page.GetByTestId("guest-notes-tag-add").ClickAsync();
        await page.GetByTestId("guest-notes-save").ClickAsync();
        await Expect(page.GetByTestId("guest-notes-updated")).ToContainTextAsync("admin", new() { Timeout = 30_000 });
    }

    /// <summary>Asserts that no host at <paramref name="uri"/> has a guest named <paramref name="name"/>, running or defined.</summary>
    public static void AssertAbsent(string uri, string name)
    {
        using var connection = LibvirtConnection.Open(uri);
        Assert.Equal(LibvirtErrorCodes.NoDomain, Assert.Throws<LibvirtException>(() => connection.LookupDomainByName(name).Dispose()).Code);
    }

    /// <summary>Asserts that the host at <paramref name="uri"/> runs <paramref name="name"/>, defined persistently.</summary>
    public static void AssertRuns(string uri, string name)
    {
        using var connection = LibvirtConnection.Open(uri);
        using var guest = connection.LookupDomainByName(name);
        Assert.Equal(DomainState.Running, guest.GetState().State);
        Assert.True(guest.IsPersistent());
    }

    /// <summary>Removes what the scene made, every step even when one fails; the failures are thrown together at the end.</summary>
    public async ValueTask DisposeAsync()
    {
        var failures = new List<Exception>();
        await StepAsync(failures, async () =>
        {
            if (_browser is not null)
            {
                await _browser.CloseAsync();
            }

            _playwright?.Dispose();
        });
        foreach (var agent in _agents.Values)
        {
            await StepAsync(failures, () => agent.DisposeAsync().AsTask());
        }

        if (_stack is not null)
        {
            await StepAsync(failures, () => _stack.DisposeAsync().AsTask());
        }

        await Step(failures, () => TestGuestCleaner.RemoveRunGuests(SystemUri, prefix: Prefix));
        await Step(failures, () => TestResourceCleaner.RemoveRunPoolsAndNetworks(SystemUri, Prefix));
        if (_hosts is not null)
        {
            foreach (var letter in _hosts.Hosts)
            {
                await Step(failures, () => TestGuestCleaner.RemoveRunGuests(LibvirtHosts.Uri(letter), prefix: Prefix));
            }

            await StepAsync(failures, () => _hosts.DisposeAsync().AsTask());
            foreach (var letter in _hosts.Hosts)
            {
                // Disks a migration copied into a host's local pool (the hosts' removal takes them too, when it runs).
                await Step(failures, () => RemoveFiles(LibvirtHosts.LocalDirectoryOf(letter), Prefix + "*"));
            }
        }

        await Step(failures, () => RemoveFolder(SharedFolder));
        await Step(failures, () => RemoveFolder(LocalFolder));
        if (failures.Count > 0)
        {
            throw new AggregateException($"the migration scene {Prefix} was not removed completely", failures);
        }
    }

    private async Task BuildAsync()
    {
        _hosts = await LibvirtHosts.StartAsync([.. _setup.Hosts.Select(host => host.Letter)]);
        Directory.CreateDirectory(SharedFolder);
        File.SetUnixFileMode(SharedFolder, (UnixFileMode)0b111_101_101);
        await TestGuestImages.CopyIntoAsync(SharedFolder, CancellationToken.None, TestGuestImages.Kernel, TestGuestImages.Initrd);
        var diskFolder = _setup.Disk == SceneDisk.LocalPool ? LocalFolder : SharedFolder;
        Directory.CreateDirectory(diskFolder);
        File.SetUnixFileMode(diskFolder, (UnixFileMode)0b111_101_101);
        var image = Path.Combine(await TestGuestImages.EnsureBuiltAsync(), TestGuestImages.Disk);
        foreach (var name in _setup.GuestNames)
        {
            File.Copy(image, Path.Combine(diskFolder, Prefix + name + ".qcow2"));
        }

        if (_setup.Disk == SceneDisk.LocalPool)
        {
            // The pool after its disks, so that its first listing has them.
            HostPages.CreatePool(SystemUri, SourcePool, LocalFolder);
        }

        _stack = await WebVirtStack.StartAsync(SystemUri, _setup.Name);
        foreach (var host in _setup.Hosts)
        {
            _agents[host.Letter] = await EnrollableAgent.StartAsync(
                Prefix + host.Letter, LibvirtHosts.Uri(host.Letter), new Dictionary<string, string> { ["MigrationListenAddress"] = host.MigrationListenAddress });
        }

        (_playwright, _browser) = await DebianChromium.LaunchAsync();
        var guests = Task.WhenAll(_setup.GuestNames.Select(name => DefineAsync(Prefix + name, Path.Combine(diskFolder, Prefix + name + ".qcow2"))));
        await Task.WhenAll(guests, EnrolAsync());
        _guests.AddRange(await guests);
    }

    /// <summary>Defines the direct-kernel-boot test guest with <paramref name="disk"/> (cache='none', as live migration wants) and, for a running scene, starts it and waits for its shell.</summary>
    private async Task<SceneGuest> DefineAsync(string name, string disk)
    {
        var domain = XElement.Parse(TestGuestDomainXml.DirectKernelBoot(name, SharedFolder));
        domain.Element("devices")!.Element("serial")!.Element("log")!.SetAttributeValue("append", "on");
        domain.Element("devices")!.AddFirst(XElement.Parse(
            $"<disk type='file' device='disk'><driver name='qemu' type='qcow2' cache='none'/><source file='{disk}'/><target dev='vda' bus='virtio'/></disk>"));
        string uuid;
        using (var connection = LibvirtConnection.Open(GuestsUri))
        using (var defined = connection.DefineDomainXml(domain.ToString()))
        {
            uuid = defined.Uuid;
            if (_setup.Running)
            {
                defined.Create();
            }
        }

        if (_setup.Running)
        {
            await SerialLog.WaitForAsync(TestGuestDomainXml.SerialLogPath(name, SharedFolder), "webvirt-testguest:", TimeSpan.FromSeconds(120));
        }

        return new SceneGuest(name, uuid);
    }

    /// <summary>
    /// The administrator adds every extra host on the hosts page and waits until the dashboard shows each connected
    /// (the migrate dialogs offer the hosts connected when they open); with the shared folder, its pool on every host
    /// the guests may run on is then marked shared on the storage page.
    /// </summary>
    private async Task EnrolAsync()
    {
        var page = await PageAsync();
        await PageSteps.WithFailureScreenshotAsync(page, _setup.Name + "-scene", async () =>
        {
            foreach (var agent in _agents.Values)
            {
                await HostPages.EnrolAsync(page, agent);
            }

            await page.GotoAsync("/");
            foreach (var agent in _agents.Values)
            {
                await Expect(page.GetByTestId($"host-link-{agent.HostId}")).ToHaveTextAsync("Connected", new() { Timeout = 60_000 });
            }

            if (_setup.Disk == SceneDisk.SharedFolder)
            {
                IEnumerable<string?> holders = _setup.GuestsOn is null ? [null, .. _agents.Keys] : _agents.Keys;
                foreach (var letter in holders)
                {
                    await HostPages.SharePoolAsync(page, letter is null ? SystemUri : LibvirtHosts.Uri(letter), SharedPool(letter), SharedFolder);
                }

                await PageSteps.ScreenshotAsync(page, _setup.Name + "-pool-shared");
            }
        });
    }

    /// <summary>The shared folder's pool on host <paramref name="letter"/> (null: the stack's own host); a name per host, as <see cref="HostPages.SharePoolAsync"/> wants.</summary>
    private string SharedPool(string? letter) => letter is null ? Prefix + "shared" : Prefix + "shared-" + letter;

    private static async Task StepAsync(List<Exception> failures, Func<Task> step)
    {
        try
        {
            await step();
        }
        catch (Exception exception)
        {
            failures.Add(exception);
        }
    }

    private static Task Step(List<Exception> failures, Action step) => StepAsync(failures, () =>
    {
        step();
        return Task.CompletedTask;
    });

    private static void RemoveFolder(string folder)
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static void RemoveFiles(string folder, string pattern)
    {
        foreach (var file in Directory.Exists(folder) ? Directory.EnumerateFiles(folder, pattern) : [])
        {
            File.Delete(file);
        }
    }
}
