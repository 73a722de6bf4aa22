using Microsoft.AspNetCore.Components;
using MudBlazor;
using WebVirt.Contracts;
using WebVirt.Web.Agents;
using WebVirt.Web.Formatting;

namespace WebVirt.Web.Components.Dashboard;

/// <summary>
/// One host: its connection, hardware, versions and every KVM readiness check. The page renders on every
/// push (several a second from many agents' usage samples), nearly always for guests; a card renders only
/// when what it shows changed, not its few dozen MudBlazor components each time.
/// </summary>
public partial class HostCard
{
    private (HostView Host, bool Busy, bool CanSet)? _shown;
    private bool _same;
    [Parameter, EditorRequired]
    public HostView Host { get; set; } = default!;

    /// <summary>Whether the user may switch a host (by its id) between KVM and emulation: the page asks the rights on that host, as the host gateway does.</summary>
    [Parameter]
    public Func<string, bool> CanSetEmulation { get; set; } = _ => false;

    [Parameter]
    public bool Busy { get; set; }

    [Parameter]
    public EventCallback<bool> OnUseEmulationChanged { get; set; }

    private HostInfo? Info => Host.Info;

    protected override void OnParametersSet()
    {
        // A host's view is a record: an unchanged host compares equal though the snapshot built a new one.
        var now = (Host, Busy, CanSetEmulation(Host.HostId));
        _same = _shown == now;
        _shown = now;
    }

    // Only the render that follows unchanged parameters is skipped; one after an event in the card still renders.
    protected override bool ShouldRender()
    {
        var render = !_same;
        _same = false;
        return render;
    }

    private bool IsUp => Host.Link == AgentLinkState.Connected;

    private Color LinkColor => Host.Link switch
    {
        AgentLinkState.Connected => Color.Success,
        AgentLinkState.Disconnected => Color.Error,
        _ => Color.Warning,
    };

    private string LinkIcon => Host.Link switch
    {
        AgentLinkState.Connected => Icons.Material.Filled.Link,
        AgentLinkState.Disconnected => Icons.Material.Filled.LinkOff,
        _ => Icons.Material.Filled.Sync,
    };

    private IEnumerable<KvmCheck> KvmChecks
    {
        get
        {
            var kvm = Info!.Kvm;
            yield return new KvmCheck("cpu", kvm.CpuVirtFlag is not null, L["Kvm.CpuFlag"], kvm.CpuVirtFlag ?? L["Kvm.CpuFlagMissing"]);
            yield return new KvmCheck("modules", kvm.KvmModulesLoaded, L["Kvm.Modules"],
                kvm.KvmModules.Count > 0 ? string.Join(", ", kvm.KvmModules) : L["Kvm.ModulesMissing"]);
            yield return new KvmCheck("devkvm", kvm.DevKvmUsable, L["Kvm.DevKvm"], AgentTexts.Format(kvm.DevKvmDetail));
            yield return new KvmCheck("libvirt", kvm.LibvirtOffersKvm, L["Kvm.Libvirt"], null);
        }
    }

    private Task OnEmulationChanged(bool value) => OnUseEmulationChanged.InvokeAsync(value);

    private sealed record KvmCheck(string Key, bool Ok, string Label, string? Detail);
}
