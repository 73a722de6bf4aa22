using System.Globalization;
using Microsoft.AspNetCore.Components;
using WebVirt.Contracts;
using WebVirt.Web.Formatting;

namespace WebVirt.Web.Components.Guest;

/// <summary>vCPU count, maximum and topology; the form starts from the persistent values, which is what a change builds on.</summary>
public partial class GuestCpuCard
{
    private bool _editing;
    private bool _busy;
    private string? _error;
    private int _current;
    private int _maximum;
    private bool _topology;
    private int _sockets;
    private int _cores;
    private int _threads;

    [Parameter, EditorRequired]
    public GuestDetails Details { get; set; } = default!;

    [Parameter]
    public bool CanEdit { get; set; }

    [Parameter, EditorRequired]
    public Func<HardwareChange, Task<ActionResult>> Apply { get; set; } = default!;

    private GuestHardware Now => Details.Hardware;

    private static string Number(int value) => value.ToString(CultureInfo.CurrentCulture);

    private string Topology(GuestHardware hardware) => TopologyOf((hardware.Sockets, hardware.Cores, hardware.Threads));

    private string TopologyOf((int? Sockets, int? Cores, int? Threads) topology) =>
        topology is (int sockets, int cores, int threads) ? S["Cpu.TopologyValue", sockets, cores, threads] : S["Cpu.TopologyDefault"];

    private void StartEdit()
    {
        var next = Details.NextBoot ?? Details.Hardware;
        _current = next.VCpus;
        _maximum = next.MaxVCpus;
        _topology = next.Sockets is not null && next.Cores is not null && next.Threads is not null;
        _sockets = next.Sockets ?? 1;
        _cores = next.Cores ?? next.MaxVCpus;
        _threads = next.Threads ?? 1;
        _error = null;
        _editing = true;
    }

    private void Cancel()
    {
        _editing = false;
        _error = null;
    }

    private async Task SaveAsync()
    {
        var change = _topology
            ? new GuestCpuChange(_current, _maximum, _sockets, _cores, _threads)
            : new GuestCpuChange(_current, _maximum);
        _busy = true;
        try
        {
            var result = await Apply(new HardwareChange(S["Cpu.What"], (gateway, guest) => gateway.SetCpusAsync(guest, change)));
            _error = result.Ok ? null : AgentTexts.Describe(result);
            _editing = !result.Ok;
        }
        finally
        {
            _busy = false;
        }
    }
}
