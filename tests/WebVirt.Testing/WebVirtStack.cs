using System.Security.Cryptography;
using System.Text;

namespace WebVirt.Testing;

/// <summary>
/// A whole WebVirt installation for end-to-end tests and benchmarks: its own PostgreSQL database,
/// the host agent on a libvirt URI and the web console, each a real process from the build output.
/// </summary>
public sealed class WebVirtStack : IAsyncDisposable
{
    public const string AdminPassword = "Admin-pass-e2e-1";

    private readonly List<AppProcess> _processes = [];
    private Dictionary<string, string> _webEnvironment = [];

    private WebVirtStack(TestDatabase database, string agentToken, int agentPort, int webPort)
    {
        Database = database;
        AgentToken = agentToken;
        AgentUrl = $"http://127.0.0.1:{agentPort}";
        WebUrl = $"http://127.0.0.1:{webPort}";
    }

    private Dictionary<string, string> _agentEnvironment = [];

    public TestDatabase Database { get; }

    public string AgentToken { get; }

    public string AgentUrl { get; }

    public string WebUrl { get; }

    public string HostId => "e2e-host";

    public AppProcess Agent => _processes[0];

    /// <summary>The agent's state directory, which survives its restarts and is removed with the stack.</summary>
    public string AgentStateDirectory { get; } = Path.Combine(Path.GetTempPath(), TestRun.Prefix + "agentstate-" + Guid.NewGuid().ToString("N")[..12]);

    public AppProcess Web => _processes[1];

    private StackLaunch _launch = new();

    /// <summary>The agent's console hand-off socket, which the web collects guests' VNC connections from; null when the stack relays through the agent.</summary>
    public string? ConsoleSocket { get; private init; }

    /// <param name="databaseServer">The PostgreSQL server to make the stack's database on; the shared test server when null.</param>
    /// <param name="launch">Other programs or runtime settings for the two processes (the memory benchmark's comparisons); the build output as it is when null.</param>
    /// <param name="consoleHandoff">Whether the web takes guests' VNC connections from the agent (as an installation does) or relays through it (as for a remote host).</param>
    public static async Task<WebVirtStack> StartAsync(string libvirtUri, string purpose, bool startWeb = true, string? databaseServer = null, StackLaunch? launch = null,
        bool consoleHandoff = true)
    {
        var database = databaseServer is null ? await TestDatabase.CreateAsync(purpose) : await TestDatabase.CreateAsync(purpose, databaseServer);
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var stack = new WebVirtStack(database, token, FreePort.Next(), FreePort.Next())
        {
            _launch = launch ?? new StackLaunch(),
            ConsoleSocket = consoleHandoff ? Path.Combine(Path.GetTempPath(), TestRun.Prefix + "handoff-" + Guid.NewGuid().ToString("N")[..10] + ".sock") : null,
        };
        try
        {
            // The agent has no database: only the web connects to PostgreSQL.
            stack._agentEnvironment = new Dictionary<string, string>
            {
                ["Agent__HostId"] = stack.HostId,
                ["Agent__LibvirtUri"] = libvirtUri,
                ["Agent__TokenSha256"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token))),
                ["Agent__LogDirectory"] = Path.Combine(TestArtifacts.Directory, "logs"),
                // The agent's own files (tasks, creation records, emulation setting): one directory per stack.
                ["Agent__StateDirectory"] = stack.AgentStateDirectory,
                ["ASPNETCORE_URLS"] = stack.AgentUrl,
                ["Agent__ConsoleHandoffSocket"] = stack.ConsoleSocket ?? "",
            };
            foreach (var (key, value) in stack._launch.AgentEnvironment)
            {
                stack._agentEnvironment[key] = value;
            }

            stack._processes.Add(stack.StartAgent());
            await HttpReadiness.WaitForAsync(stack.Agent, stack.AgentUrl + "/healthz", HttpReadiness.LibvirtConnected);

            if (startWeb)
            {
                stack._webEnvironment = new Dictionary<string, string>
                {
                    ["ConnectionStrings__WebVirt"] = database.ConnectionString,
                    ["WebVirt__Agents__0__HostId"] = stack.HostId,
                    ["WebVirt__Agents__0__Name"] = stack.HostId,
                    ["WebVirt__Agents__0__Url"] = stack.AgentUrl,
                    ["WebVirt__Agents__0__Token"] = token,
                    ["WebVirt__Agents__0__ConsoleSocket"] = stack.ConsoleSocket ?? "",
                    ["WebVirt__LogDirectory"] = Path.Combine(TestArtifacts.Directory, "logs"),
                    ["WEBVIRT_ADMIN_PASSWORD"] = AdminPassword,
                    ["ASPNETCORE_URLS"] = stack.WebUrl,
                    // Browsers and HttpClient on loopback speak plain HTTP to it; TLS has its own tests.
                    ["WebVirt__PlainHttp"] = "true",
                };
                foreach (var (key, value) in stack._launch.WebEnvironment)
                {
                    stack._webEnvironment[key] = value;
                }

                stack._processes.Add(stack.StartWeb());
                await HttpReadiness.WaitForAsync(stack.Web, stack.WebUrl + "/login", _ => true);
            }

            return stack;
        }
        catch
        {
            await stack.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Another web console on the same database and agent, listening as an installation does:
    /// HTTPS on every interface at its own port, with a self-signed certificate it makes in
    /// <paramref name="certificateDirectory"/>. Tests reach it at the returned https://127.0.0.1 URL.
    /// </summary>
    public async Task<(AppProcess Web, string Url)> StartHttpsWebAsync(string certificateDirectory)
    {
        var port = FreePort.Next();
        var environment = new Dictionary<string, string>(_webEnvironment);
        environment.Remove("ASPNETCORE_URLS");
        environment.Remove("WebVirt__PlainHttp");
        environment["WebVirt__Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        environment["WebVirt__Tls__CertificateDirectory"] = certificateDirectory;
        var web = AppProcess.Start("WebVirt.Web", environment);
        var url = $"https://127.0.0.1:{port}";
        try
        {
            await HttpReadiness.WaitForAsync(web, url + "/login", _ => true);
            return (web, url);
        }
        catch
        {
            await web.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts the agent again after it was killed, on the same port and database, and waits until it answers (polling every <paramref name="poll"/>, 250 ms unless given).</summary>
    public async Task RestartAgentAsync(TimeSpan? poll = null)
    {
        await SpawnAgentAsync();
        await WaitForAgentAsync(poll);
    }

    /// <summary>Starts the agent again after it was killed, without waiting for it (the recovery benchmark times its start).</summary>
    public async Task SpawnAgentAsync()
    {
        await Agent.DisposeAsync();
        _processes[0] = StartAgent();
    }

    /// <summary>Waits until the agent's /healthz reports libvirt connected, polling every <paramref name="poll"/> (250 ms unless given).</summary>
    public Task WaitForAgentAsync(TimeSpan? poll = null) =>
        HttpReadiness.WaitForAsync(Agent, AgentUrl + "/healthz", HttpReadiness.LibvirtConnected, poll);

    /// <summary>
    /// Starts the web console again after it was killed, on the same port and database, and waits
    /// until its login page answers, polling every <paramref name="poll"/> (the recovery benchmark
    /// takes that moment as the web's return).
    /// </summary>
    public async Task RestartWebAsync(TimeSpan poll)
    {
        await Web.DisposeAsync();
        _processes[1] = StartWeb();
        await HttpReadiness.WaitForAsync(Web, WebUrl + "/login", _ => true, poll);
    }

    private AppProcess StartAgent() => _launch.AgentProgram is { } program
        ? AppProcess.StartExecutable(program, _agentEnvironment)
        : AppProcess.Start("WebVirt.Agent", _agentEnvironment);

    private AppProcess StartWeb() => _launch.WebProgram is { } program
        ? AppProcess.StartExecutable(program, _webEnvironment)
        : AppProcess.Start("WebVirt.Web", _webEnvironment);

    public async ValueTask DisposeAsync()
    {
        foreach (var process in Enumerable.Reverse(_processes))
        {
            await process.DisposeAsync();
        }

        await Database.DisposeAsync();
        if (ConsoleSocket is not null)
        {
            // A killed agent leaves its socket file.
            File.Delete(ConsoleSocket);
        }

        if (Directory.Exists(AgentStateDirectory))
        {
            Directory.Delete(AgentStateDirectory, recursive: true);
        }
    }
}
