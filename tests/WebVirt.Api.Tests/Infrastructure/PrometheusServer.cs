using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using WebVirt.Testing;

namespace WebVirt.Api.Tests.Infrastructure;

/// <summary>
/// Debian's Prometheus as a child process on a loopback port, with its configuration and storage
/// in a folder of its own, scraping one /metrics target every second with a bearer token. Disposing
/// kills it (by its pid) and removes the folder.
/// </summary>
public sealed class PrometheusServer : IAsyncDisposable
{
    public const string Executable = "/usr/bin/prometheus";

    private readonly Process _process;
    private readonly string _directory;
    private readonly HttpClient _http;
    private readonly StreamWriter _log;

    private PrometheusServer(Process process, StreamWriter log, string directory, int port, string logPath)
    {
        _process = process;
        _log = log;
        _directory = directory;
        LogPath = logPath;
        _http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
    }

    public string LogPath { get; }

    /// <param name="target">host:port of an HTTPS /metrics (the console's self-signed certificate is not checked).</param>
    public static PrometheusServer Start(string target, string token)
    {
        var directory = Directory.CreateTempSubdirectory(TestRun.Prefix + "prometheus-").FullName;
        var config = Path.Combine(directory, "prometheus.yml");
        File.WriteAllText(config, $"""
            global:
              scrape_interval: 1s
              scrape_timeout: 1s
            scrape_configs:
              - job_name: webvirt
                scheme: https
                metrics_path: /metrics
                authorization:
                  type: Bearer
                  credentials: "{token}"
                tls_config:
                  insecure_skip_verify: true
                static_configs:
                  - targets: ["{target}"]
            """);
        var port = FreePort.Next();
        var logDirectory = Path.Combine(TestArtifacts.Directory, "logs");
        Directory.CreateDirectory(logDirectory);
        var logPath = Path.Combine(logDirectory, $"prometheus-{DateTime.UtcNow:HHmmss}-{port}.log");
        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("--config.file=" + config);
        start.ArgumentList.Add("--storage.tsdb.path=" + Path.Combine(directory, "data"));
        start.ArgumentList.Add("--web.listen-address=127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture));
        var log = new StreamWriter(logPath) { AutoFlush = true };
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => WriteLine(log, e.Data);
        process.ErrorDataReceived += (_, e) => WriteLine(log, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new PrometheusServer(process, log, directory, port, logPath);
    }

    /// <summary>Runs an instant query until it returns at least one series, and returns them (each a metric's labels and its value).</summary>
    public async Task<IReadOnlyList<JsonElement>> WaitForSeriesAsync(string query, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        var last = "";
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(_process.HasExited, $"Prometheus exited. Its log:\n{ReadLog()}");
            try
            {
                using var response = await _http.GetAsync("/api/v1/query?query=" + Uri.EscapeDataString(query));
                last = await response.Content.ReadAsStringAsync();
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    var result = JsonDocument.Parse(last).RootElement.GetProperty("data").GetProperty("result");
                    if (result.GetArrayLength() > 0)
                    {
                        return [.. result.EnumerateArray().Select(series => series.Clone())];
                    }
                }
            }
            catch (HttpRequestException ex)
            {
                last = ex.Message;
            }

            await Task.Delay(500);
        }

        var targets = await TryGetAsync("/api/v1/targets");
        Assert.Fail($"Prometheus never returned {query} (last answer: {last}).\nTargets: {targets}\nIts log:\n{ReadLog()}");
        return [];
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        _http.Dispose();
        // The process has exited and its output events have drained (WaitForExitAsync waits for them).
        await _log.DisposeAsync();

        Directory.Delete(_directory, recursive: true);
    }

    private async Task<string> TryGetAsync(string path)
    {
        try
        {
            return await _http.GetStringAsync(path);
        }
        catch (HttpRequestException ex)
        {
            return ex.Message;
        }
    }

    private string ReadLog()
    {
        using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        return new StreamReader(stream).ReadToEnd();
    }

    private static void WriteLine(StreamWriter log, string? line)
    {
        if (line is not null)
        {
            lock (log)
            {
                log.WriteLine(line);
            }
        }
    }
}
