using Microsoft.AspNetCore.Components;
using MudBlazor;
using WebVirt.Contracts;
using WebVirt.Web.Agents;
using WebVirt.Web.Components.Shared;
using WebVirt.Web.Security;
using WebVirt.Web.Security.Rights;

namespace WebVirt.Web.Components.Dashboard;

/// <summary>The lifecycle buttons that fit a guest's state and that the user may use.</summary>
public partial class GuestActionButtons
{
    private IReadOnlyList<GuestAction> _actions = [];
    private bool _canOpenConsole;

    [CascadingParameter]
    private AgentPresence? Presence { get; set; }

    [Parameter, EditorRequired]
    public GuestInfo Guest { get; set; } = default!;

    /// <summary>The user's rights, read once by the page; the buttons follow the rights on this guest.</summary>
    [Parameter]
    public UserRights Rights { get; set; } = UserRights.None;

    [Parameter]
    public bool Busy { get; set; }

    [Parameter]
    public EventCallback<GuestActionRequest> OnAction { get; set; }

    protected override void OnParametersSet()
    {
        _actions = Rights.MayOnGuest(Permission.GuestLifecycle, Guest) ? GuestActionGuide.ValidFor(Guest.State) : [];
        _canOpenConsole = Rights.MayOnGuest(Permission.OpenConsole, Guest);
    }

    /// <summary>Why the buttons are disabled: the guest's agent is away.</summary>
    private string? AwayReason => AgentReason.For(Presence, Guest.HostId, F);

    private Task Request(GuestAction action) => OnAction.InvokeAsync(new GuestActionRequest(Guest, action));

    private static string IconOf(GuestAction action) => action switch
    {
        GuestAction.Start => Icons.Material.Filled.PlayArrow,
        GuestAction.Shutdown => Icons.Material.Filled.PowerSettingsNew,
        GuestAction.Reboot => Icons.Material.Filled.RestartAlt,
        GuestAction.ForceOff => Icons.Material.Filled.PowerOff,
        GuestAction.Reset => Icons.Material.Filled.Replay,
        GuestAction.Pause => Icons.Material.Filled.Pause,
        GuestAction.Resume => Icons.Material.Filled.PlayCircle,
        _ => Icons.Material.Filled.HelpOutline,
    };

    private static Color ColorOf(GuestAction action) =>
        GuestActionGuide.NeedsConfirmation(action) ? Color.Error : Color.Default;
}
