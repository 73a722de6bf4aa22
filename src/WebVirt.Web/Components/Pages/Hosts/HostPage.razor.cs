using System.Globalization;
using Microsoft.AspNetCore.Components;
using WebVirt.Contracts;
using WebVirt.Web.Agents;
using WebVirt.Web.Formatting;
using WebVirt.Web.Agents.Gateway;

namespace WebVirt.Web.Components.Pages;

/// <summary>
/// One host's readiness checks with what to do about failures, its interfaces, what QEMU offers,
/// and live CPU and memory use: memory from the agent's host pushes, CPU from the details read
/// every few seconds, both drawn as sparklines of the last minutes.
/// </summary>
public sealed partial class HostPage : IDisposable
{
    private const int Samples = 60;
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(3);

    private readonly List<double> _cpu = [];
    private readonly List<double> _memory = [];
    private readonly CancellationTokenSource _stop = new();
    private IReadOnlyList<HostView> _hosts = [];
    private string _hostId = "";
    private HostView? _host;
    private HostDetails? _details;
    private string? _error;
    private IDisposable? _subscription;

    [Parameter]
    public string? HostId { get; set; }

    [Inject]
    private AgentConnections Agents { get; set; } = default!;

    [Inject]
    private IHostGateway Details { get; set; } = default!;

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
        _subscription?.Dispose();
    }

    protected override void OnInitialized()
    {
        _subscription = Agents.Subscribe(() => _ = InvokeAsync(() =>
        {
            ReadHost();
            StateHasChanged();
        }));
        _ = PollAsync(_stop.Token);
    }

    protected override void OnParametersSet()
    {
        _hosts = Agents.Hosts;
        SelectHost(HostId is { Length: > 0 } id && _hosts.Any(h => h.HostId == id) ? id : _hosts.FirstOrDefault()?.HostId ?? "");
    }

    private void SelectHost(string hostId)
    {
        if (hostId != _hostId)
        {
            _cpu.Clear();
            _memory.Clear();
            _details = null;
        }

        _hostId = hostId;
        ReadHost();
    }

    private void ReadHost()
    {
        _hosts = Agents.Hosts;
        _host = _hosts.FirstOrDefault(h => h.HostId == _hostId);
        if (_host?.Info is { MemoryTotalKiB: > 0 } info)
        {
            Add(_memory, 100.0 * (info.MemoryTotalKiB - info.MemoryFreeKiB) / info.MemoryTotalKiB);
        }
    }

    private async Task PollAsync(CancellationToken stop)
    {
        using var timer = new PeriodicTimer(Interval);
        do
        {
            if (_hostId.Length == 0)
            {
                continue;
            }

            try
            {
                var details = await Details.GetHostDetailsAsync(_hostId, stop);
                await InvokeAsync(() =>
                {
                    _details = details;
                    _error = null;
                    if (details.CpuUsagePercent is { } cpu)
                    {
                        Add(_cpu, cpu);
                    }

                    StateHasChanged();
                });
            }
            catch (Exception ex) when (ex is not OutOfMemoryException and not ObjectDisposedException)
            {
                await InvokeAsync(() =>
                {
                    _error = H["LoadFailed", ex.Message];
                    StateHasChanged();
                });
            }
        }
        while (await WaitAsync(timer, stop));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stop)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stop);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static void Add(List<double> series, double value)
    {
        series.Add(value);
        if (series.Count > Samples)
        {
            series.RemoveAt(0);
        }
    }

    /// <summary>SVG polyline points for percentages: x = sample, y = 40 at 0 % and 0 at 100 %.</summary>
    private static string Points(List<double> series) =>
        string.Join(" ", series.Select((v, i) => string.Create(CultureInfo.InvariantCulture, $"{i + Samples - series.Count},{40 - (0.4 * v):0.#}")));


    private IEnumerable<Check> Checks()
    {
        var info = _host?.Info;
        var kvm = info?.Kvm;
        yield return new Check("CpuFlag", kvm is null ? null : kvm.CpuVirtFlag is not null, kvm?.CpuVirtFlag ?? "");
        yield return new Check("KvmModules", kvm?.KvmModulesLoaded, kvm is null ? "" : string.Join(", ", kvm.KvmModules));
        yield return new Check("DevKvm", kvm?.DevKvmUsable, kvm is null ? "" : AgentTexts.Format(kvm.DevKvmDetail));
        yield return new Check("Libvirt", info?.Connected, info?.ConnectionError ?? AgentTexts.Describe(_host?.LinkFailure) ?? _host?.Error ?? "");
        yield return new Check("DefaultNetwork", _details is null ? null : _details.DefaultNetworkActive == true,
            _details?.DefaultNetworkActive is null ? H["NotDefined"] : "");
        if (_details is { NatNetworks.Count: > 0 })
        {
            yield return new Check("IpForward", _details.IpForwarding, string.Join(", ", _details.NatNetworks));
        }

        yield return new Check("Tpm", _details?.TpmEmulator, "");
        yield return new Check("SecureBoot", _details?.SecureBootFirmware, "");
    }

    /// <summary>The kernel's operstate (up, down, unknown, dormant...) in the user's language; one the catalogue lacks as the kernel says it.</summary>
    private string InterfaceState(string state) =>
        H["InterfaceState." + state] is { ResourceNotFound: false } text ? text.Value : state;

    private sealed record Check(string Key, bool? Ok, string Detail);
}
