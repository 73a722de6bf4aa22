using System.Text.RegularExpressions;
using System.Xml.Linq;
using WebVirt.E2E.Infrastructure;
using WebVirt.Testing;
using WebVirt.Testing.Browser;
using static Microsoft.Playwright.Assertions;

namespace WebVirt.E2E.Faults;

/// <summary>
/// A volume uploaded from the Storage page in a real browser, its agent killed with SIGKILL while
/// the bytes flow and started again. As an operator would, one tab uploads and another keeps the
/// dashboard's task list open: the upload tab says the upload failed (no raw exception text), the
/// dashboard shows the upload's task Interrupted with its end time, both without a reload, and
/// libvirt has no volume of it left in the pool. Its own stack, as the shared one's agent must not
/// be killed.
/// </summary>
[Collection(OwnStackCollection.Name)]
public sealed class InterruptedUploadTests
{
    // Sparse, so it costs no disk here; the browser still sends every byte, slowed below so the
    // agent is killed with most of it still to come.
    private const long FileSize = 1024L * 1024 * 1024;
    private const int UploadBytesPerSecond = 4 * 1024 * 1024;
    private static readonly string Prefix = TestRun.GuestName("iupload-");

    [Fact]
    public async Task An_upload_cut_off_by_a_killed_agent_shows_interrupted_on_the_open_pages_and_leaves_no_volume()
    {
        string pool = Prefix + "pool";
        const string Volume = "interrupted.iso";
        string root = Path.Combine(Path.GetTempPath(), Prefix + Guid.NewGuid().ToString("N")[..8]);
        string poolDirectory = Path.Combine(root, "pool");
        string file = Path.Combine(root, "files", Volume);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.SetUnixFileMode(root, (UnixFileMode)Convert.ToInt32("755", 8));
        await using (var sparse = File.Create(file))
        {
            sparse.SetLength(FileSize);
        }

        DefinePool(pool, poolDirectory);
        try
        {
            await using var stack = await WebVirtStack.StartAsync(FaultGuest.Uri, "iupload");
            var (playwright, browser) = await DebianChromium.LaunchAsync();
            using (playwright)
            {
                var context = await DebianChromium.NewContextAsync(browser, stack.WebUrl);
                var storage = await context.NewPageAsync();
                var dashboard = await context.NewPageAsync();
                await PageSteps.WithFailureScreenshotAsync(dashboard, nameof(InterruptedUploadTests) + "-dashboard", () =>
                    PageSteps.WithFailureScreenshotAsync(storage, nameof(InterruptedUploadTests) + "-storage", async () =>
                    {
                        await PageSteps.LoginAsync(storage, "admin", WebVirtStack.AdminPassword);
                        await dashboard.GotoAsync("/");
                        await Expect(dashboard.GetByTestId("tasks-panel")).ToBeVisibleAsync(new() { Timeout = 30_000 });

                        await storage.GotoAsync("/storage");
                        await storage.GetByTestId($"pool-row-{pool}").ClickAsync();
                        await Expect(storage.GetByTestId("upload-panel")).ToBeVisibleAsync(new() { Timeout = 30_000 });
                        var cdp = await context.NewCDPSessionAsync(storage);
                        await cdp.SendAsync("Network.enable");
                        await cdp.SendAsync("Network.emulateNetworkConditions", new Dictionary<string, object>
                        {
                            ["offline"] = false,
                            ["latency"] = 0,
                            ["downloadThroughput"] = -1,
                            ["uploadThroughput"] = UploadBytesPerSecond,
                        });
                        await storage.GetByTestId("upload-file").SetInputFilesAsync(file);
                        await storage.GetByTestId("upload-start").ClickAsync();
                        await Expect(storage.GetByTestId("upload-status")).ToContainTextAsync(new Regex(@"^[1-9]\d? %"), new() { Timeout = 60_000 });

                        var task = dashboard.GetByTestId($"task-{Volume}");
                        await Expect(task.GetByTestId("task-state")).ToHaveTextAsync("Running", PageSteps.Soon);
                        string partial = Path.Combine(poolDirectory, Volume);
                        for (var deadline = DateTime.UtcNow.AddSeconds(60); !File.Exists(partial) || new FileInfo(partial).Length == 0; await Task.Delay(200))
                        {
                            Assert.True(DateTime.UtcNow < deadline, "no bytes of the upload reached the pool");
                        }

                        await PageSteps.MarkDocumentAsync(storage);
                        await PageSteps.MarkDocumentAsync(dashboard);
                        stack.Agent.KillHard();
                        await Expect(storage.GetByTestId("upload-result")).ToContainTextAsync("Upload failed", new() { Timeout = 45_000 });
                        await Expect(storage.GetByTestId("upload-result")).Not.ToContainTextAsync("Exception");
                        await PageSteps.ScreenshotAsync(storage, "upload-agent-killed");
                        await Expect(task.GetByTestId("task-stale")).ToContainTextAsync("agent away since", new() { Timeout = 45_000 });

                        await stack.RestartAgentAsync();
                        await Expect(task.GetByTestId("task-state")).ToHaveTextAsync("Interrupted", PageSteps.Soon);
                        await Expect(task.GetByTestId("task-finished")).ToContainTextAsync("ended", new() { Timeout = 30_000 });
                        await task.ClickAsync();
                        await Expect(task.GetByTestId("task-error")).ToContainTextAsync($"Removed: volume {Volume} in pool {pool}", new() { Timeout = 120_000 });
                        await Expect(task.GetByTestId("task-leftovers")).ToHaveCountAsync(0);
                        Assert.True(await PageSteps.DocumentStillMarkedAsync(dashboard), "the dashboard was reloaded");
                        Assert.True(await PageSteps.DocumentStillMarkedAsync(storage), "the storage page was reloaded");
                        Assert.DoesNotContain(Volume, PoolVolumes(pool));
                        Assert.False(File.Exists(partial));
                        await dashboard.EvaluateAsync("() => document.querySelector(\"[data-testid=tasks-panel]\").scrollIntoView({ block: \"end\" })");
                        await PageSteps.ScreenshotAsync(dashboard, "upload-task-interrupted");
                    }));
            }

            await browser.CloseAsync();
        }
        finally
        {
            TestResourceCleaner.RemoveRunPoolsAndNetworks(FaultGuest.Uri, Prefix);
            Directory.Delete(root, recursive: true);
        }
    }

    private static void DefinePool(string name, string directory)
    {
        var xml = new XElement("pool", new XAttribute("type", "dir"), new XElement("name", name), new XElement("target", new XElement("path", directory)));
        using var connection = LibvirtConnection.Open(FaultGuest.Uri);
        using var pool = connection.DefineStoragePoolXml(xml.ToString());
        pool.Build();
        pool.Create();
    }

    /// <summary>The pool's volumes as libvirt lists them after a refresh (a file the agent left would show here).</summary>
    private static List<string> PoolVolumes(string poolName)
    {
        using var connection = LibvirtConnection.Open(FaultGuest.Uri);
        using var pool = connection.LookupStoragePoolByName(poolName);
        pool.Refresh();
        return pool.ListAllVolumes().Select(v => { using (v) { return v.Name; } }).ToList();
    }
}
