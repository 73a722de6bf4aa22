using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.SignalR.Client;
using WebVirt.Contracts;
using WebVirt.Domain.Validation;
using WebVirt.Testing;

namespace WebVirt.Agent.Tests;

/// <summary>
/// Cloud-image downloads with checksums through the agent on the real qemu:///system, from a
/// loopback server: sums files and pasted sums, mismatches, missing entries, cancels and refusals.
/// </summary>
[Trait("Category", "Qemu")]
public sealed class ImageDownloadQemuTests : IAsyncLifetime
{
    private const string Uri = "qemu:///system";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);
    private readonly string _pool = TestRun.GuestName("pool-img");
    private readonly string _poolPath = Path.Combine(Path.GetTempPath(), $"webvirt-test-{TestRun.Id}-image-{Guid.NewGuid():N}");
    private byte[] _image = [];
    private AgentFactory _agent = null!;
    private HubConnection _hub = null!;
    private ImageServer _server = null!;

    private string Sha256 => Convert.ToHexStringLower(SHA256.HashData(_image));

    private string Sha512 => Convert.ToHexStringLower(SHA512.HashData(_image));

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_poolPath);
        File.SetUnixFileMode(_poolPath, (UnixFileMode)Convert.ToInt32("755", 8));
        _image = await QemuImgAsync(Path.Combine(_poolPath, "..", $"webvirt-test-{TestRun.Id}-{Guid.NewGuid():N}.qcow2"));
        using (var connection = LibvirtConnection.Open(Uri))
        using (connection.CreateStoragePoolXml($"<pool type='dir'><name>{_pool}</name><target><path>{_poolPath}</path></target></pool>"))
        {
        }

        byte[] raw = Encoding.ASCII.GetBytes("raw disk bytes, not qcow2\n");
        _server = new ImageServer(new()
        {
            ["img/tiny-cloud.img"] = ImageServer.File(_image),
            ["img/chunked.qcow2"] = ImageServer.File(_image, sayLength: false),
            ["img/plain.raw"] = ImageServer.File(raw),
            ["img/SHA256SUMS"] = ImageServer.File(Encoding.ASCII.GetBytes($"{new string('0', 64)}  other.img\n{Sha256} *tiny-cloud.img\n")),
            ["img/CHECKSUM"] = ImageServer.File(Encoding.ASCII.GetBytes($"# chunked.qcow2\nSHA512 (chunked.qcow2) = {Sha512}\n")),
            ["img/OTHERSUMS"] = ImageServer.File(Encoding.ASCII.GetBytes($"{Sha256}  something-else.img\n")),
            ["img/slow.img"] = ImageServer.Trickle(64L * 1024 * 1024),
            ["img/loop.img"] = ImageServer.Redirect("/img/loop.img"),
        });
        _agent = new AgentFactory(Uri);
        _hub = _agent.CreateHubConnection(AgentFactory.Token);
        await _hub.StartAsync();
        await _hub.WaitUntilConnectedAsync(Wait);
    }

    public async Task DisposeAsync()
    {
        await _hub.DisposeAsync();
        await _agent.DisposeAsync();
        await _server.DisposeAsync();
        TestResourceCleaner.RemoveRunPoolsAndNetworks(Uri, _pool);
        Directory.Delete(_poolPath, recursive: true);
    }

    [Fact]
    public async Task A_gnu_sha256_sums_file_is_checked_and_qcow2_content_gets_a_qcow2_volume()
    {
        var task = await RunAsync(Request("img/tiny-cloud.img", checksumUrl: _server.Url("img/SHA256SUMS")));

        Assert.True(task.State == AgentTaskState.Succeeded, string.Join(" | ", task.Log));
        Assert.Equal("tiny-cloud.qcow2", task.Target);
        Assert.Contains(task.Log, l => l.Text.ToString() == TaskText.Of(ErrorCodes.TaskChecksumVerified, "SHA-256", Sha256).ToString());
        var volume = Assert.Single(await VolumesAsync());
        Assert.Equal(("tiny-cloud.qcow2", "qcow2"), (volume.Name, volume.Format));
        AssertStored("tiny-cloud.qcow2");
    }

    [Fact]
    public async Task A_pasted_sha512_and_a_bsd_sums_file_are_checked_without_a_content_length()
    {
        var pasted = await RunAsync(Request("img/chunked.qcow2", name: "pasted.qcow2", checksum: "sha512:" + Sha512.ToUpperInvariant()));
        var listed = await RunAsync(Request("img/chunked.qcow2", checksumUrl: _server.Url("img/CHECKSUM")));

        Assert.True(pasted.State == AgentTaskState.Succeeded, string.Join(" | ", pasted.Log));
        Assert.True(listed.State == AgentTaskState.Succeeded, string.Join(" | ", listed.Log));
        Assert.Contains(pasted.Log, l => l.Text.Code == ErrorCodes.TaskDownloadingUnknownSize);
        Assert.Contains(listed.Log, l => l.Text.ToString() == TaskText.Of(ErrorCodes.TaskChecksumVerified, "SHA-512", Sha512).ToString());
        Assert.Equal(_image.Length, listed.Bytes);
        AssertStored("pasted.qcow2");
        AssertStored("chunked.qcow2");
    }

    [Fact]
    public async Task A_wrong_sum_deletes_the_volume_and_names_both_sums()
    {
        string wrong = new('a', 64);

        var task = await RunAsync(Request("img/tiny-cloud.img", checksum: wrong));

        Assert.Equal(AgentTaskState.Failed, task.State);
        Assert.Equal(Failure.Of(ErrorCodes.DownloadChecksumMismatch, "SHA-256", wrong, Sha256).ToString(), task.Error!.Cause?.ToString());
        Assert.Contains(task.Log, l => l.Text.ToString() == TaskText.Of(ErrorCodes.TaskPartialVolumeDeleted, "tiny-cloud.qcow2").ToString());
        Assert.Empty(await VolumesAsync());
        Assert.Empty(Directory.GetFiles(_poolPath));
    }

    [Fact]
    public async Task A_sums_file_without_the_image_and_a_missing_file_are_refused_before_anything_is_made()
    {
        var unlisted = await StartAsync(Request("img/tiny-cloud.img", checksumUrl: _server.Url("img/OTHERSUMS")));
        var missing = await StartAsync(Request("img/missing.img"));
        var missingSums = await StartAsync(Request("img/tiny-cloud.img", checksumUrl: _server.Url("img/NOSUMS")));
        var loop = await StartAsync(Request("img/loop.img"));

        Assert.Equal(Failure.Of(ErrorCodes.DownloadSumsFileNoEntry, _server.Url("img/OTHERSUMS"), "tiny-cloud.img").ToString(), unlisted.Error?.ToString());
        Assert.Equal(ErrorCodes.DownloadRefused, missing.ErrorCode);
        Assert.Equal([_server.Url("img/missing.img"), "404"], missing.Error!.Args.Take(2));
        Assert.Equal([_server.Url("img/NOSUMS"), "404"], missingSums.Error!.Args.Take(2));
        Assert.Equal(Failure.Of(ErrorCodes.DownloadRedirectRefused, _server.Url("img/loop.img"), _server.Url("img/loop.img")).ToString(), loop.Error?.ToString());
        Assert.Empty(await VolumesAsync());
    }

    [Fact]
    public async Task A_cancel_midway_deletes_the_partial_volume()
    {
        var started = await StartAsync(Request("img/slow.img", name: "slow.img"));
        Assert.True(started.Ok, started.ToString());
        var deadline = DateTime.UtcNow + Wait;
        while ((await TaskAsync(started.TaskId!)).Bytes == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the trickle never arrived");
            await Task.Delay(100);
        }

        Assert.True(File.Exists(Path.Combine(_poolPath, "slow.img")));
        var cancelled = await _hub.InvokeAsync<ActionResult>(nameof(IAgentHub.RequestTaskCancel), started.TaskId);
        var task = await _hub.WaitForTaskAsync(started, Wait);

        Assert.True(cancelled.Ok, cancelled.ToString());
        Assert.Equal(AgentTaskState.Cancelled, task.State);
        Assert.Equal(TaskText.Of(ErrorCodes.TaskDownloadCancelled, "slow.img").ToString(), task.Error!.ToString());
        Assert.False(task.Cancellable);
        Assert.Contains(task.Log, l => l.Text.ToString() == TaskText.Of(ErrorCodes.TaskPartialVolumeDeleted, "slow.img").ToString());
        Assert.Empty(await VolumesAsync());
        Assert.False(File.Exists(Path.Combine(_poolPath, "slow.img")));
        Assert.Equal(ErrorCodes.TaskNotCancellable, (await _hub.InvokeAsync<ActionResult>(nameof(IAgentHub.RequestTaskCancel), started.TaskId)).Error!.Code);
    }

    [Fact]
    public async Task Bad_urls_names_and_sums_are_refused_with_their_problem_and_nothing_is_made()
    {
        await RunAsync(Request("img/plain.raw", name: "taken.img"));

        var cases = new (StorageVolumeDownloadRequest Request, string Field, string Key)[]
        {
            (Request("img/plain.raw") with { Url = "ftp://127.0.0.1/plain.raw" }, "Url", ValidationKeys.UrlSchemeNotAllowed),
            (Request("img/plain.raw") with { Url = "file:///etc/passwd" }, "Url", ValidationKeys.UrlSchemeNotAllowed),
            (Request("img/plain.raw") with { Url = _server.Url("img/plain.raw").Replace("://", "://user:secret@", StringComparison.Ordinal) }, "Url", ValidationKeys.UrlCredentialsNotAllowed),
            (Request("img/plain.raw", name: "../escape.img"), "VolumeName", ValidationKeys.NameInvalid),
            (Request("img/plain.raw", name: "taken.img"), "VolumeName", ValidationKeys.VolumeExists),
            (Request("img/plain.raw", checksum: "12345"), "Checksum", ValidationKeys.ChecksumInvalid),
            (Request("img/tiny-cloud.img", name: "given.img"), "VolumeName", ValidationKeys.ImageFormatMismatch),
        };

        foreach (var (request, field, key) in cases)
        {
            var result = await StartAsync(request);
            Assert.Equal(ErrorCodes.InputInvalid, result.ErrorCode);
            Assert.Contains(result.Problems, p => p.Field == field && p.Key == key);
        }

        Assert.Equal(["taken.img"], (await VolumesAsync()).Select(v => v.Name));
        Assert.Equal([Path.Combine(_poolPath, "taken.img")], Directory.GetFiles(_poolPath));
    }

    private StorageVolumeDownloadRequest Request(string path, string? name = null, string? checksum = null, string? checksumUrl = null) =>
        new(_pool, _server.Url(path), name, "test-user", checksum, checksumUrl);

    private Task<ProvisioningResult> StartAsync(StorageVolumeDownloadRequest request) =>
        _hub.InvokeAsync<ProvisioningResult>(nameof(IAgentHub.DownloadStorageVolume), request);

    private async Task<AgentTaskInfo> RunAsync(StorageVolumeDownloadRequest request) => await _hub.WaitForTaskAsync(await StartAsync(request), Wait);

    private async Task<AgentTaskInfo> TaskAsync(string taskId) =>
        (await _hub.InvokeAsync<IReadOnlyList<AgentTaskInfo>>(nameof(IAgentHub.GetTasks))).Single(t => t.TaskId == taskId);

    private Task<IReadOnlyList<StorageVolumeSummary>> VolumesAsync() =>
        _hub.InvokeAsync<IReadOnlyList<StorageVolumeSummary>>(nameof(IAgentHub.GetStorageVolumes), _pool);

    // libvirt sizes the plain file in whole 4 KiB blocks; the bytes past the image are zeros.
    private void AssertStored(string volume)
    {
        byte[] stored = File.ReadAllBytes(Path.Combine(_poolPath, volume));
        Assert.Equal(SHA256.HashData(_image), SHA256.HashData(stored.AsSpan(0, _image.Length)));
        Assert.All(stored[_image.Length..], b => Assert.Equal(0, b));
    }

    private static async Task<byte[]> QemuImgAsync(string path)
    {
        using var process = Process.Start(new ProcessStartInfo("qemu-img", ["create", "-q", "-f", "qcow2", path, "16M"]) { RedirectStandardError = true })!;
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, await process.StandardError.ReadToEndAsync());
        byte[] image = await File.ReadAllBytesAsync(path);
        File.Delete(path);
        return image;
    }
}
