using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace WebVirt.Testing;

/// <summary>
/// A second host's agent as an administrator installs it for enrolment: https on a loopback port with its own
/// certificate in a state directory of its own, no console token configured, libvirt's test driver behind it.
/// The test makes codes with the agent's own `enrol` command, as the administrator would.
/// </summary>
public sealed partial class EnrollableAgent : IAsyncDisposable
{
    private readonly Dictionary<string, string> _environment;
    private AppProcess _process;

    private EnrollableAgent(string hostId, int port, string stateDirectory, Dictionary<string, string> environment, AppProcess process)
    {
        HostId = hostId;
        Port = port;
        StateDirectory = stateDirectory;
        _environment = environment;
        _process = process;
    }

    public string HostId { get; }

    public int Port { get; }

    public string StateDirectory { get; }

    /// <summary>What an administrator types as the host's address.</summary>
    public string Address => $"127.0.0.1:{Port}";

    public AppProcess Process => _process;

    /// <summary>
    /// Starts the agent; <paramref name="libvirtUri"/> another libvirtd than the test driver (a LibvirtHosts host),
    /// <paramref name="settings"/> more Agent settings (such as MigrationListenAddress).
    /// </summary>
    public static async Task<EnrollableAgent> StartAsync(
        string hostId, string libvirtUri = "test:///default", IReadOnlyDictionary<string, string>? settings = null)
    {
        var port = FreePort.Next();
        var stateDirectory = Path.Combine(Path.GetTempPath(), "wvt-agent-state-" + Guid.NewGuid().ToString("N"));
        var environment = new Dictionary<string, string>
        {
            ["Agent__HostId"] = hostId,
            ["Agent__LibvirtUri"] = libvirtUri,
            ["Agent__StateDirectory"] = stateDirectory,
            ["Agent__LogDirectory"] = Path.Combine(TestArtifacts.Directory, "logs"),
            ["ASPNETCORE_URLS"] = $"https://127.0.0.1:{port}",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment["Agent__" + key] = value;
        }

        var agent = new EnrollableAgent(hostId, port, stateDirectory, environment, AppProcess.Start("WebVirt.Agent", environment));
        try
        {
            await agent.WaitUntilServingAsync();
            return agent;
        }
        catch
        {
            await agent.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs `webvirt-agent enrol` as the administrator would; the code and the certificate fingerprint it printed.</summary>
    public async Task<(string Code, string Fingerprint)> IssueCodeAsync(int validMinutes = 60)
    {
        await using var command = AppProcess.Start("WebVirt.Agent", _environment, "enrol", "--valid-minutes", validMinutes.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var exit = await command.WaitForExitAsync(TimeSpan.FromSeconds(60));
        var output = command.ReadLog();
        var match = CodeLine().Match(output);
        if (exit != 0 || !match.Success)
        {
            throw new InvalidOperationException($"webvirt-agent enrol failed ({exit}):\n{output}");
        }

        return (match.Groups[1].Value, FingerprintLine().Match(output).Groups[1].Value);
    }

    /// <summary>Moves the waiting code's expiry into the past, as if the hour had gone by.</summary>
    public void ExpireCode()
    {
        var path = Path.Combine(StateDirectory, "enrolment-code.json");
        var json = JsonNode.Parse(File.ReadAllText(path))!;
        json["expiresAt"] = DateTimeOffset.UtcNow.AddMinutes(-1).ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        File.WriteAllText(path, json.ToJsonString());
    }

    /// <summary>Stops the agent, throws its certificate away and starts it again with a new one (a reinstalled host, or an impostor).</summary>
    public async Task ReplaceCertificateAsync()
    {
        await _process.DisposeAsync();
        File.Delete(Path.Combine(StateDirectory, "agent.crt"));
        File.Delete(Path.Combine(StateDirectory, "agent.key"));
        _process = AppProcess.Start("WebVirt.Agent", _environment);
        await WaitUntilServingAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        if (Directory.Exists(StateDirectory))
        {
            Directory.Delete(StateDirectory, recursive: true);
        }
    }

    private async Task WaitUntilServingAsync()
    {
        using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The agent exited. Its log:\n{_process.ReadLog()}");
            }

            try
            {
                using var response = await http.GetAsync($"https://127.0.0.1:{Port}/healthz");
                if (response.StatusCode == HttpStatusCode.OK && (await response.Content.ReadAsStringAsync()).Contains("\"libvirt\":true", StringComparison.Ordinal))
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"The agent on port {Port} did not answer. Its log:\n{_process.ReadLog()}");
    }

    [GeneratedRegex(@"Enrolment code:\s+([0-9A-Z-]+)")]
    private static partial Regex CodeLine();

    [GeneratedRegex(@"Certificate SHA-256:\s+([0-9A-F:]+)")]
    private static partial Regex FingerprintLine();
}
