using System.Security.Cryptography;
using Microsoft.AspNetCore.SignalR.Client;
using WebVirt.Contracts;
using WebVirt.Testing;

namespace WebVirt.Agent.Tests;

/// <summary>"Download from URL into the pool" through the agent on the real qemu:///system, from a loopback server.</summary>
[Trait("Category", "Qemu")]
public sealed class VolumeDownloadQemuTests : IAsyncLifetime
{
    private const string Uri = "qemu:///system";
    private const int Size = 48 * 1024 * 1024 + 123;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);
    private readonly string _pool = TestRun.GuestName("pool-dl");
    private readonly string _poolPath = Path.Combine(Path.GetTempPath(), $"webvirt-test-{TestRun.Id}-download-{Guid.NewGuid():N}");
    private readonly byte[] _file = RandomNumberGenerator.GetBytes(Size);
    private AgentFactory _agent = null!;
    private HubConnection _hub = null!;
    private InstallTreeServer _server = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_poolPath);
        File.SetUnixFileMode(_poolPath, (UnixFileMode)Convert.ToInt32("755", 8));
        using (var connection = LibvirtConnection.Open(Uri))
        using (connection.CreateStoragePoolXml($"<pool type='dir'><name>{_pool}</name><target><path>{_poolPath}</path></target></pool>"))
        {
        }

        _server = new InstallTreeServer(new()
        {
            ["images/tool.iso"] = () => new MemoryStream(_file),
            ["images/broken.iso"] = () => new BreakingStream(_file, breakAfter: Size / 3),
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
    public async Task A_url_is_downloaded_into_a_new_volume_as_a_task_with_the_same_bytes()
    {
        var task = await RunAsync(new StorageVolumeDownloadRequest(_pool, _server.Url("images/tool.iso"), null, "test-user"));

        Assert.True(task.State == AgentTaskState.Succeeded, string.Join(" | ", task.Log));
        Assert.Equal(("download", "tool.iso", "test-user"), (task.Kind, task.Target, task.User));
        Assert.Equal(Size, task.Bytes);
        var volume = Assert.Single(await _hub.InvokeAsync<IReadOnlyList<StorageVolumeSummary>>(nameof(IAgentHub.GetStorageVolumes), _pool));
        // libvirt sizes raw files in whole 4 KiB blocks; the bytes past the download are zeros.
        Assert.Equal("tool.iso", volume.Name);
        Assert.InRange(volume.CapacityBytes, (ulong)Size, (ulong)Size + 4095);
        byte[] stored = await File.ReadAllBytesAsync(Path.Combine(_poolPath, "tool.iso"));
        Assert.Equal(SHA256.HashData(_file), SHA256.HashData(stored.AsSpan(0, Size)));
        Assert.All(stored[Size..], b => Assert.Equal(0, b));
    }

    [Fact]
    public async Task A_download_broken_off_midway_fails_and_leaves_no_volume()
    {
        var task = await RunAsync(new StorageVolumeDownloadRequest(_pool, _server.Url("images/broken.iso"), "half.iso", "test-user"));

        Assert.Equal(AgentTaskState.Failed, task.State);
        Assert.Contains(task.Log, line => line.Text.ToString() == TaskText.Of(ErrorCodes.TaskPartialVolumeDeleted, "half.iso").ToString());
        Assert.Equal(ErrorCodes.TaskDownloadFailed, task.Error!.Code);
        Assert.NotNull(task.Error.Cause);
        Assert.DoesNotContain(await _hub.InvokeAsync<IReadOnlyList<StorageVolumeSummary>>(nameof(IAgentHub.GetStorageVolumes), _pool), v => v.Name == "half.iso");
        Assert.False(File.Exists(Path.Combine(_poolPath, "half.iso")));
    }

    [Fact]
    public async Task Bad_urls_and_names_are_refused_before_anything_is_made()
    {
        var missing = await Start(new StorageVolumeDownloadRequest(_pool, _server.Url("images/missing.iso"), null, "test-user"));
        var ftp = await Start(new StorageVolumeDownloadRequest(_pool, "ftp://127.0.0.1/tool.iso", null, "test-user"));
        var badName = await Start(new StorageVolumeDownloadRequest(_pool, _server.Url("images/tool.iso"), "../escape.iso", "test-user"));

        Assert.Equal(ErrorCodes.DownloadRefused, missing.ErrorCode);
        Assert.Contains("404", missing.ToString(), StringComparison.Ordinal);
        Assert.Equal(ErrorCodes.InputInvalid, ftp.ErrorCode);
        Assert.Contains("ftp", ftp.ToString(), StringComparison.Ordinal);
        Assert.Equal(ErrorCodes.InputInvalid, badName.ErrorCode);
        Assert.Empty(await _hub.InvokeAsync<IReadOnlyList<StorageVolumeSummary>>(nameof(IAgentHub.GetStorageVolumes), _pool));
    }

    private Task<ProvisioningResult> Start(StorageVolumeDownloadRequest request) =>
        _hub.InvokeAsync<ProvisioningResult>(nameof(IAgentHub.DownloadStorageVolume), request);

    private async Task<AgentTaskInfo> RunAsync(StorageVolumeDownloadRequest request) => await _hub.WaitForTaskAsync(await Start(request), Wait);

    /// <summary>Claims the whole file's length, then fails partway, as a dropped connection does.</summary>
    private sealed class BreakingStream(byte[] data, int breakAfter) : MemoryStream(data)
    {
        public override int Read(byte[] buffer, int offset, int count) =>
            Position >= breakAfter ? throw new IOException("connection lost") : base.Read(buffer, offset, (int)Math.Min(count, breakAfter - Position));

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Position >= breakAfter ? throw new IOException("connection lost") : base.ReadAsync(buffer[..(int)Math.Min(buffer.Length, breakAfter - Position)], cancellationToken);
    }
}
