using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WebVirt.Api.Tests.Infrastructure;
using WebVirt.Contracts;
using WebVirt.Testing;
using WebVirt.Web.Agents.Gateway;
using WebVirt.Web.Api;
using WebVirt.Web.Data;
using WebVirt.Web.Security;

namespace WebVirt.Api.Tests;

/// <summary>
/// Cancelling a task through the API on the real agent: an image download, started through the API
/// from a server on loopback that serves it slowly, is stopped and its partial volume deleted; a
/// finished task cannot be stopped.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ApiTaskCancelTests(ApiFixture api)
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task A_running_download_is_cancelled_its_partial_volume_deleted_and_a_finished_task_is_409()
    {
        await using var target = await ApiDiskGuest.CreateAsync("api-cancel");
        await using var server = new InstallTreeServer(new() { ["img/slow.img"] = () => new TrickleStream(64L * 1024 * 1024) });
        var admin = await api.CreateUserAsync(Roles.Administrator);
        using var client = api.Client(await api.CreateTokenAsync(admin, ApiTokenScope.Administer, name: "canceller"));
        using var operatorClient = api.Client(await api.CreateTokenAsync(await api.CreateUserAsync(Roles.Operator), ApiTokenScope.Operate));

        var started = await client.PostAsJsonAsync($"/api/v1/hosts/{api.HostId}/storage-pools/{target.Pool}/downloads", new { url = server.Url("img/slow.img"), name = "slow.img" });
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var location = started.Headers.Location!.OriginalString;
        var taskId = location["/api/v1/tasks/".Length..];
        var deadline = DateTime.UtcNow + Limit;
        while (!(await Problems.JsonAsync(await client.GetAsync(location))).GetProperty("cancellable").GetBoolean()
            || !File.Exists(Path.Combine(target.Directory, "slow.img")))
        {
            Assert.True(DateTime.UtcNow < deadline, "the download never got going");
            await Task.Delay(100);
        }

        // Stopping a download takes the right to start one (storage): an operator may not.
        await Problems.AssertAsync(await operatorClient.PostAsync(location + "/cancel", null), HttpStatusCode.Forbidden, "Agent.Forbidden");
        var cancelling = await client.PostAsync(location + "/cancel", null);

        Assert.Equal(HttpStatusCode.Accepted, cancelling.StatusCode);
        Assert.Equal(location, cancelling.Headers.Location!.OriginalString);
        Assert.Equal(taskId, (await Problems.JsonAsync(cancelling)).GetProperty("taskId").GetString());
        var ended = await EndedAsync(client, location);
        Assert.Equal("Cancelled", ended.GetProperty("state").GetString());
        Assert.Equal(ErrorCodes.TaskDownloadCancelled, ended.GetProperty("error").GetProperty("code").GetString());
        // A cancelled task is listed under its own state, not among the failed ones.
        var cancelledIds = (await Problems.JsonAsync(await client.GetAsync("/api/v1/tasks?state=cancelled"))).EnumerateArray().Select(t => t.GetProperty("taskId").GetString()).ToList();
        var failedIds = (await Problems.JsonAsync(await client.GetAsync("/api/v1/tasks?state=failed"))).EnumerateArray().Select(t => t.GetProperty("taskId").GetString()).ToList();
        Assert.Contains(taskId, cancelledIds);
        Assert.DoesNotContain(taskId, failedIds);
        Assert.False(File.Exists(Path.Combine(target.Directory, "slow.img")));
        await Problems.AssertAsync(await client.PostAsync(location + "/cancel", null), HttpStatusCode.Conflict, ApiErrorCodes.TaskNotCancellable);

        await using var db = await api.Factory.Services.GetRequiredService<IDbContextFactory<WebDbContext>>().CreateDbContextAsync();
        var audited = await db.AuditEntries.Where(e => e.Action == ProvisioningGateway.AuditCancel && e.Detail != null && e.Detail.Contains(taskId)).ToListAsync();
        var entry = Assert.Single(audited);
        Assert.Equal((admin.Identity!.Name, AuditEntry.ResultOk), (entry.UserName, entry.Result));
    }

    private static async Task<System.Text.Json.JsonElement> EndedAsync(HttpClient client, string location)
    {
        var deadline = DateTime.UtcNow + Limit;
        while (true)
        {
            var task = await Problems.JsonAsync(await client.GetAsync(location));
            if (task.GetProperty("state").GetString() != "Running")
            {
                return task;
            }

            Assert.True(DateTime.UtcNow < deadline, $"The task did not end: {task}");
            await Task.Delay(250);
        }
    }

    /// <summary>Zeros of a said length, 64 KiB every 100 ms: a download that is still running when it is cancelled.</summary>
    private sealed class TrickleStream(long length) : Stream
    {
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => length;

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("read asynchronously");

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await Task.Delay(100, cancellationToken);
            int n = (int)Math.Min(Math.Min(buffer.Length, 64 * 1024), length - _position);
            buffer.Span[..n].Clear();
            _position += n;
            return n;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
