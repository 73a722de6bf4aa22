using System.Globalization;
using System.Security.Cryptography;
using System.Xml.Linq;
using Microsoft.Playwright;
using WebVirt.E2E.Infrastructure;
using WebVirt.Testing;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace WebVirt.E2E;

/// <summary>
/// A browser upload into a pool through the real web and agent processes: the bytes on disk match,
/// neither process grows with the file, and a cancelled upload leaves no volume behind.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed class VolumeUploadTests(E2EFixture fixture, ITestOutputHelper output)
{
    private const long FileSize = 1024L * 1024 * 1024;
    private const long CancelledFileSize = 256L * 1024 * 1024;
    private const long MaxGrowthKiB = 64 * 1024;
    private static readonly LocatorAssertionsToBeVisibleOptions Visible = new() { Timeout = 30_000 };

    [Fact]
    public async Task A_1_GiB_upload_arrives_intact_in_bounded_memory_and_a_cancelled_one_leaves_nothing()
    {
        string pool = TestRun.GuestName("e2e-upload");
        string root = Path.Combine(Path.GetTempPath(), $"webvirt-test-{TestRun.Id}-upload-{Guid.NewGuid():N}");
        string poolDirectory = Path.Combine(root, "pool");
        string files = Path.Combine(root, "files");
        Directory.CreateDirectory(files);
        File.SetUnixFileMode(root, (UnixFileMode)Convert.ToInt32("755", 8));
        string upload = Path.Combine(files, "installer.iso");
        string cancelled = Path.Combine(files, "cancelled.iso");
        byte[] expected = await WriteRandomFileAsync(upload, FileSize);
        await WriteRandomFileAsync(cancelled, CancelledFileSize);
        DefinePool(pool, poolDirectory);
        var page = await PageSteps.NewPageAsync(fixture);
        try
        {
            await PageSteps.WithFailureScreenshotAsync(page, nameof(A_1_GiB_upload_arrives_intact_in_bounded_memory_and_a_cancelled_one_leaves_nothing), async () =>
            {
                await PageSteps.LoginAsync(page, "admin", WebVirtStack.AdminPassword);
                await page.GotoAsync("/storage");
                await page.GetByTestId($"pool-row-{pool}").ClickAsync();
                await Expect(page.GetByTestId("upload-panel")).ToBeVisibleAsync(Visible);

                long agentBefore = PeakRssKiB(fixture.Stack.Agent.Pid);
                long webBefore = PeakRssKiB(fixture.Stack.Web.Pid);
                long agentPrivateBefore = PrivateKiB(fixture.Stack.Agent.Pid);
                long webPrivateBefore = PrivateKiB(fixture.Stack.Web.Pid);
                using var watch = new CancellationTokenSource();
                var agentMemory = HighestPrivateKiBAsync(fixture.Stack.Agent.Pid, watch.Token);
                var webMemory = HighestPrivateKiBAsync(fixture.Stack.Web.Pid, watch.Token);
                await page.GetByTestId("upload-file").SetInputFilesAsync(upload);
                await page.GetByTestId("upload-start").ClickAsync();
                await Expect(page.GetByTestId("upload-result")).ToContainTextAsync("Upload finished", new() { Timeout = 300_000 });
                await watch.CancelAsync();
                long agentPrivate = await agentMemory;
                long webPrivate = await webMemory;
                await Expect(page.GetByTestId("volume-row-installer.iso")).ToBeVisibleAsync(Visible);
                await PageSteps.ScreenshotAsync(page, "storage-upload-finished");

                string onDisk = Path.Combine(poolDirectory, "installer.iso");
                Assert.Equal(FileSize, new FileInfo(onDisk).Length);
                Assert.Equal(expected, await HashAsync(onDisk));
                long agentPeak = PeakRssKiB(fixture.Stack.Agent.Pid);
                long webPeak = PeakRssKiB(fixture.Stack.Web.Pid);
                output.WriteLine($"peak RSS before / after a {FileSize / (1024 * 1024)} MiB upload: agent {agentBefore} / {agentPeak} KiB, web {webBefore} / {webPeak} KiB");
                output.WriteLine($"private memory (RssAnon + RssShmem) before / highest during it: agent {agentPrivateBefore} / {agentPrivate} KiB, web {webPrivateBefore} / {webPrivate} KiB");
                // Streaming shows as a peak that hardly moves; a buffered body would add the whole file.
                Assert.True(agentPeak - agentBefore < MaxGrowthKiB, $"the agent's peak grew from {agentBefore} to {agentPeak} KiB");
                Assert.True(webPeak - webBefore < MaxGrowthKiB, $"the web's peak grew from {webBefore} to {webPeak} KiB");

                // The memory each process has to itself, which a buffered body would grow by the file's size. Its level
                // before the upload is whatever the earlier tests left in this shared web (compiled code, caches): the
                // process's size is the memory benchmark's business (bench/), what the upload costs is this test's.
                Assert.True(agentPrivate - agentPrivateBefore < MaxGrowthKiB, $"the agent's private memory grew from {agentPrivateBefore} to {agentPrivate} KiB");
                Assert.True(webPrivate - webPrivateBefore < MaxGrowthKiB, $"the web's private memory grew from {webPrivateBefore} to {webPrivate} KiB");

                // Slowed to 16 MiB/s so the cancel lands mid-way through the second file.
                var cdp = await page.Context.NewCDPSessionAsync(page);
                await cdp.SendAsync("Network.enable");
                await cdp.SendAsync("Network.emulateNetworkConditions", new Dictionary<string, object>
                {
                    ["offline"] = false,
                    ["latency"] = 0,
                    ["downloadThroughput"] = -1,
                    ["uploadThroughput"] = 16 * 1024 * 1024,
                });
                await page.GetByTestId("upload-file").SetInputFilesAsync(cancelled);
                await page.GetByTestId("upload-start").ClickAsync();
                await Expect(page.GetByTestId("upload-status")).ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"^[1-9]\d? %"), new() { Timeout = 30_000 });
                await PageSteps.ScreenshotAsync(page, "storage-upload-progress");
                await page.GetByTestId("upload-cancel").ClickAsync();
                await Expect(page.GetByTestId("upload-result")).ToContainTextAsync("cancelled", new() { Timeout = 30_000 });
                await WaitUntilGoneAsync(pool, "cancelled.iso", Path.Combine(poolDirectory, "cancelled.iso"));
                await PageSteps.ScreenshotAsync(page, "storage-upload-cancelled");
                await cdp.SendAsync("Network.emulateNetworkConditions", new Dictionary<string, object>
                {
                    ["offline"] = false,
                    ["latency"] = 0,
                    ["downloadThroughput"] = -1,
                    ["uploadThroughput"] = -1,
                });

                // The uploaded ISO is what the creation wizard offers to boot from.
                await page.GotoAsync("/guests/new");
                await PageSteps.ChooseAsync(page, "wizard-source-pool", pool);
                // The pool's only ISO is picked for the user.
                await Expect(page.GetByText("installer.iso (1 GiB)")).ToBeVisibleAsync(Visible);
                await PageSteps.ScreenshotAsync(page, "wizard-uploaded-iso");
            });
        }
        finally
        {
            TestResourceCleaner.RemoveRunPoolsAndNetworks(E2EFixture.LibvirtUri, pool);
            Directory.Delete(root, recursive: true);
        }
    }

    private static void DefinePool(string name, string directory)
    {
        var xml = new XElement("pool", new XAttribute("type", "dir"), new XElement("name", name), new XElement("target", new XElement("path", directory)));
        using var connection = LibvirtConnection.Open(E2EFixture.LibvirtUri);
        using var pool = connection.DefineStoragePoolXml(xml.ToString());
        pool.Build();
        pool.Create();
    }

    private static async Task WaitUntilGoneAsync(string poolName, string volume, string path)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            using (var connection = LibvirtConnection.Open(E2EFixture.LibvirtUri))
            using (var pool = connection.LookupStoragePoolByName(poolName))
            {
                pool.Refresh();
                var names = pool.ListAllVolumes().Select(v => { using (v) { return v.Name; } }).ToList();
                if (!names.Contains(volume) && !File.Exists(path))
                {
                    return;
                }

                Assert.True(DateTime.UtcNow < deadline, $"the cancelled upload left {volume} behind ({string.Join(", ", names)})");
            }

            await Task.Delay(250);
        }
    }

    private static async Task<byte[]> WriteRandomFileAsync(string path, long size)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await using var file = File.Create(path);
        var buffer = new byte[1024 * 1024];
        for (long written = 0; written < size; written += buffer.Length)
        {
            RandomNumberGenerator.Fill(buffer);
            hash.AppendData(buffer);
            await file.WriteAsync(buffer);
        }

        return hash.GetHashAndReset();
    }

    private static async Task<byte[]> HashAsync(string path)
    {
        await using var file = File.OpenRead(path);
        return await SHA256.HashDataAsync(file);
    }

    /// <summary>The highest RssAnon + RssShmem of the process, polled until <paramref name="stop"/>.</summary>
    private static async Task<long> HighestPrivateKiBAsync(int pid, CancellationToken stop)
    {
        long highest = 0;
        while (true)
        {
            highest = Math.Max(highest, PrivateKiB(pid));
            try
            {
                await Task.Delay(100, stop);
            }
            catch (OperationCanceledException)
            {
                return highest;
            }
        }
    }

    /// <summary>RssAnon + RssShmem now: the memory the process has to itself, in KiB.</summary>
    private static long PrivateKiB(int pid) =>
        File.ReadLines($"/proc/{pid}/status")
            .Select(l => l.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            .Where(f => f.Length >= 2 && f[0] is "RssAnon:" or "RssShmem:")
            .Sum(f => long.Parse(f[1], CultureInfo.InvariantCulture));

    /// <summary>VmHWM: the most resident memory the process ever had, in KiB.</summary>
    private static long PeakRssKiB(int pid)
    {
        string line = File.ReadLines($"/proc/{pid}/status").Single(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    }
}
