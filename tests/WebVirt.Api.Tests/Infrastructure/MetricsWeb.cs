using System.Globalization;
using System.Net;
using System.Net.Sockets;
using WebVirt.Testing;

namespace WebVirt.Api.Tests.Infrastructure;

/// <summary>
/// The console as a process of its own, listening as an installation does (HTTPS on every interface
/// with its self-signed certificate) on the fixture's database and agent, so requests and scrapes
/// come over real sockets from real client addresses.
/// </summary>
public sealed class MetricsWeb : IAsyncDisposable
{
    private readonly AppProcess _process;
    private readonly string _certificates;

    private MetricsWeb(AppProcess process, string certificates, int port)
    {
        _process = process;
        _certificates = certificates;
        Port = port;
    }

    public int Port { get; }

    public string Target => $"127.0.0.1:{Port}";

    /// <summary>What the console wrote to its output so far.</summary>
    public string ReadLog() => _process.ReadLog();

    public static async Task<MetricsWeb> StartAsync(ApiFixture api, IReadOnlyList<string> allowedAddresses)
    {
        var certificates = Directory.CreateTempSubdirectory(TestRun.Prefix + "metrics-certs-").FullName;
        var port = FreePort.Next();
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__WebVirt"] = api.Stack.Database.ConnectionString,
            ["WebVirt__Agents__0__HostId"] = api.HostId,
            ["WebVirt__Agents__0__Name"] = api.HostId,
            ["WebVirt__Agents__0__Url"] = api.Stack.AgentUrl,
            ["WebVirt__Agents__0__Token"] = api.Stack.AgentToken,
            ["WebVirt__LogDirectory"] = Path.Combine(TestArtifacts.Directory, "logs"),
            ["WEBVIRT_ADMIN_PASSWORD"] = ApiFixture.AdminPassword,
            ["WebVirt__Port"] = port.ToString(CultureInfo.InvariantCulture),
            ["WebVirt__Tls__CertificateDirectory"] = certificates,
        };
        for (var i = 0; i < allowedAddresses.Count; i++)
        {
            environment[$"WebVirt__Metrics__AllowedAddresses__{i}"] = allowedAddresses[i];
        }

        var web = new MetricsWeb(AppProcess.Start("WebVirt.Web", environment), certificates, port);
        try
        {
            await web.WaitForLoginPageAsync();
            return web;
        }
        catch
        {
            await web.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// A client of https://127.0.0.1:PORT whose connections leave from <paramref name="source"/>
    /// (another loopback address, such as 127.0.0.2), so the console sees that client address
    /// while the Host header stays a name of its certificate.
    /// </summary>
    public HttpClient Client(IPAddress source, string? token = null)
    {
        var handler = new SocketsHttpHandler
        {
            SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true },
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                try
                {
                    socket.Bind(new IPEndPoint(source, 0));
                    await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, Port), cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        var client = new HttpClient(handler) { BaseAddress = new Uri($"https://{Target}"), Timeout = TimeSpan.FromSeconds(20) };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        Directory.Delete(_certificates, recursive: true);
    }

    private async Task WaitForLoginPageAsync()
    {
        using var client = Client(IPAddress.Loopback);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        var last = "";
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(_process.HasExited, $"The console exited. Its log:\n{_process.ReadLog()}");
            try
            {
                using var response = await client.GetAsync("/login");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }

                last = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
            }
            catch (HttpRequestException ex)
            {
                last = ex.Message;
            }

            await Task.Delay(250);
        }

        Assert.Fail($"The console never answered /login (last: {last}). Its log:\n{_process.ReadLog()}");
    }
}
