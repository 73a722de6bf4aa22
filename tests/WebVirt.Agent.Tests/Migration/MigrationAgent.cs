using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using WebVirt.Agent.Security;
using WebVirt.Contracts;
using WebVirt.Testing;

namespace WebVirt.Agent.Tests.Migration;

/// <summary>
/// An agent as a host runs it for a console on another machine: its own process, https on a loopback
/// port with its own certificate, a console token, on one libvirtd; and a hub connection to it as the
/// console holds one (the certificate pinned by its fingerprint).
/// </summary>
internal sealed class MigrationAgent : IAsyncDisposable
{
    private readonly TestDatabase _database;
    private readonly Dictionary<string, string> _environment;
    private readonly string _stateDirectory;
    private AppProcess _process;

    private MigrationAgent(string hostId, int port, TestDatabase database, Dictionary<string, string> environment, string stateDirectory)
    {
        HostId = hostId;
        Port = port;
        _database = database;
        _environment = environment;
        _process = AppProcess.Start("WebVirt.Agent", environment);
        _stateDirectory = stateDirectory;
    }

    public string HostId { get; }

    public int Port { get; }

    public string Url => $"https://127.0.0.1:{Port}";

    /// <summary>The libvirtd this agent manages.</summary>
    public string LibvirtUri => _environment["Agent__LibvirtUri"];

    /// <summary>SHA-256 of the agent's certificate, as the console pinned it at enrolment.</summary>
    public string Fingerprint { get; private set; } = "";

    public HubConnection Hub { get; private set; } = null!;

    public static async Task<MigrationAgent> StartAsync(string hostId, string libvirtUri, string listenAddress)
    {
        var database = await TestDatabase.CreateAsync("migrate-" + hostId);
        var port = FreePort.Next();
        var state = Path.Combine(Path.GetTempPath(), AgentMigrationFixture.Prefix + "agent-" + Guid.NewGuid().ToString("N")[..8]);
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__WebVirt"] = database.ConnectionString,
            ["Agent__HostId"] = hostId,
            ["Agent__LibvirtUri"] = libvirtUri,
            ["Agent__StateDirectory"] = state,
            ["Agent__TokenSha256"] = AgentTokenAuthenticationHandler.HashToken(AgentFactory.Token),
            ["Agent__MigrationListenAddress"] = listenAddress,
            ["Agent__PollIntervalSeconds"] = "0.5",
            ["Agent__LogDirectory"] = Path.Combine(TestArtifacts.Directory, "logs"),
            ["ASPNETCORE_URLS"] = $"https://127.0.0.1:{port}",
        };
        var agent = new MigrationAgent(hostId, port, database, environment, state);
        try
        {
            await agent.ConnectAsync();
            return agent;
        }
        catch
        {
            await agent.DisposeAsync();
            throw;
        }
    }

    /// <summary>SIGKILL, as a crash: the agent's tasks, tunnels and libvirt connections end without any cleanup of its own.</summary>
    public async Task KillAsync()
    {
        _process.KillHard();
        await _process.WaitForExitAsync(TimeSpan.FromSeconds(30));
        await Hub.DisposeAsync();
    }

    /// <summary>Starts the killed agent again: the same port, state (certificate, pinned as before), database and libvirtd.</summary>
    public async Task RestartAsync()
    {
        await _process.DisposeAsync();
        var pinned = Fingerprint;
        _process = AppProcess.Start("WebVirt.Agent", _environment);
        await ConnectAsync();
        Assert.Equal(pinned, Fingerprint);
    }

    private async Task ConnectAsync()
    {
        await WaitUntilServingAsync();
        Hub = new HubConnectionBuilder()
            .WithUrl(new Uri($"{Url}{IAgentHub.AgentHubPath}"), o =>
            {
                o.Transports = HttpTransportType.LongPolling;
                o.AccessTokenProvider = () => Task.FromResult<string?>(AgentFactory.Token);
                o.HttpMessageHandlerFactory = _ => new HttpClientHandler { ServerCertificateCustomValidationCallback = IsPinned };
            })
            .Build();
        await Hub.StartAsync();
    }

    /// <summary>What the console does for a migration to this agent: a grant, given to this agent, turned into the source's destination.</summary>
    public async Task<MigrationDestination> GrantAsync(TimeSpan? validFor = null)
    {
        var grant = new IncomingMigrationGrant(Guid.NewGuid().ToString("N"), Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)), DateTimeOffset.UtcNow + (validFor ?? TimeSpan.FromMinutes(10)));
        var answer = await Hub.InvokeAsync<IncomingMigrationAnswer>(nameof(IAgentHub.AllowIncomingMigration), grant);
        Assert.True(answer.Ok, $"the destination refused the grant: {answer.Error}");
        return new MigrationDestination(HostId, Url, Fingerprint, grant.GrantId, grant.Token, answer.ListenAddress!);
    }

    public Task<ProvisioningResult> MigrateAsync(MigrationRequest request) =>
        Hub.InvokeAsync<ProvisioningResult>(nameof(IAgentHub.MigrateGuest), request);

    public async Task<AgentTaskInfo> TaskAsync(string taskId) =>
        (await Hub.InvokeAsync<IReadOnlyList<AgentTaskInfo>>(nameof(IAgentHub.GetTasks))).Single(t => t.TaskId == taskId);

    /// <summary>Polls the task until it ended; <paramref name="seen"/> gets every state read meanwhile.</summary>
    public async Task<AgentTaskInfo> WaitForEndAsync(string taskId, TimeSpan limit, List<AgentTaskInfo>? seen = null)
    {
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            var task = await TaskAsync(taskId);
            seen?.Add(task);
            if (task.State != AgentTaskState.Running)
            {
                return task;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"task {taskId} still runs after {limit}: {string.Join(" | ", task.Log)}");
            }

            await Task.Delay(200);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Hub is not null)
        {
            await Hub.DisposeAsync();
        }

        await _process.DisposeAsync();
        await _database.DisposeAsync();
        if (Directory.Exists(_stateDirectory))
        {
            Directory.Delete(_stateDirectory, recursive: true);
        }
    }

    private bool IsPinned(HttpRequestMessage request, System.Security.Cryptography.X509Certificates.X509Certificate2? certificate, System.Security.Cryptography.X509Certificates.X509Chain? chain, System.Net.Security.SslPolicyErrors errors) =>
        certificate is not null && EnrolmentHandshake.Fingerprint(certificate.RawData) == Fingerprint;

    private async Task WaitUntilServingAsync()
    {
        using var handler = new HttpClientHandler
        {
            // The first answer shows the certificate, which is then pinned as a console pins it at enrolment.
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) =>
            {
                Fingerprint = certificate is null ? "" : EnrolmentHandshake.Fingerprint(certificate.RawData);
                return true;
            },
        };
        await HttpReadiness.WaitForAsync(_process, $"{Url}/healthz", HttpReadiness.LibvirtConnected, handler: handler);
    }
}
