using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using WebVirt.Contracts;
using WebVirt.Testing;

namespace WebVirt.Agent.Tests;

/// <summary>
/// An upload bigger than the pool's free space is refused with a clear message before its body is
/// read: of a body bigger than the whole file system, the agent takes next to nothing, and no
/// volume is created.
/// </summary>
[Trait("Category", "Qemu")]
public sealed class VolumeUploadLimitQemuTests : IAsyncLifetime
{
    private const string Uri = "qemu:///system";
    private const long MostReadBytes = 1024 * 1024;
    private readonly string _pool = TestRun.GuestName("pool-upl");
    private readonly string _poolPath = Path.Combine(Path.GetTempPath(), $"webvirt-test-{TestRun.Id}-upload-limit-{Guid.NewGuid():N}");
    private AgentFactory _agent = null!;
    private int _port;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_poolPath);
        using (var connection = LibvirtConnection.Open(Uri))
        using (connection.CreateStoragePoolXml($"<pool type='dir'><name>{_pool}</name><target><path>{_poolPath}</path></target></pool>"))
        {
        }

        _agent = new AgentFactory(Uri);
        // Real Kestrel: the in-memory test server buffers a request body before the app sees it.
        _port = FreePort.Next();
        _agent.UseKestrel(_port);
        _agent.StartServer();
    }

    public async Task DisposeAsync()
    {
        await _agent.DisposeAsync();
        TestResourceCleaner.RemoveRunPoolsAndNetworks(Uri, _pool);
        Directory.Delete(_poolPath, recursive: true);
    }

    [Theory]
    [InlineData(true, 1024 * 1024)]
    // A caller that does not wait: its send is cut short (socket buffers only), not drained.
    [InlineData(false, 32 * 1024 * 1024)]
    public async Task An_upload_bigger_than_the_free_space_is_refused_before_its_body_is_read(bool expectContinue, long mostSentBytes)
    {
        // As the web relays an upload: it waits for the agent's "100 Continue" before sending the body.
        using var client = new HttpClient(new SocketsHttpHandler { Expect100ContinueTimeout = TimeSpan.FromMinutes(1) })
        {
            BaseAddress = new System.Uri($"http://127.0.0.1:{_port}"),
        };
        // More than the whole file system holds, whichever free-space figure (with or without root's reserve) is used.
        var declared = new DriveInfo(_poolPath).TotalSize + (1L << 30);
        var body = new EndlessContent(declared);
        using var request = new HttpRequestMessage(HttpMethod.Put, StorageUpload.AgentPath(_pool, "huge.iso", "en")) { Content = body };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AgentFactory.Token);
        request.Headers.ExpectContinue = expectContinue;

        HttpResponseMessage? response = null;
        try
        {
            response = await client.SendAsync(request);
        }
        catch (HttpRequestException) when (!expectContinue)
        {
            // The agent closed the connection while the body was still being sent: equally a refusal.
        }

        using (response)
        {
            Assert.True(response is not null || !expectContinue);
            if (response is not null)
            {
                Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
                var result = await response.Content.ReadFromJsonAsync<ActionResult>();
                Assert.NotNull(result);
                Assert.False(result.Ok);
                Assert.Contains(_pool, result.ToString(), StringComparison.Ordinal);
            }
        }

        Assert.True(body.BytesRead < mostSentBytes, $"the agent took {body.BytesRead} bytes of a refused upload");
        Assert.False(File.Exists(Path.Combine(_poolPath, "huge.iso")));
        using var connection = LibvirtConnection.Open(Uri);
        using var pool = connection.LookupStoragePoolByName(_pool);
        pool.Refresh();
        Assert.DoesNotContain(pool.ListAllVolumes(), volume => { using (volume) { return volume.Name == "huge.iso"; } });
    }

    /// <summary>Says it is <paramref name="length"/> bytes long and produces zeros on demand, counting what was taken.</summary>
    private sealed class EndlessContent(long length) : HttpContent
    {
        private long _read;

        public long BytesRead => Interlocked.Read(ref _read);

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            var buffer = new byte[64 * 1024];
            for (long sent = 0; sent < length; sent += buffer.Length)
            {
                // Stop a server that keeps reading (or a test host that discards): the test fails, it does not hang.
                if (BytesRead > 64 * MostReadBytes)
                {
                    throw new IOException($"the server kept reading: {BytesRead} bytes");
                }

                await stream.WriteAsync(buffer);
                Interlocked.Add(ref _read, buffer.Length);
            }
        }

        protected override bool TryComputeLength(out long size)
        {
            size = length;
            return true;
        }
    }
}
