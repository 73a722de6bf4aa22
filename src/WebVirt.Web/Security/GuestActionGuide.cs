using WebVirt.Contracts;

namespace WebVirt.Web.Security;

/// <summary>Which lifecycle actions make sense for a guest in a given state.</summary>
public static class GuestActionGuide
{
    private static readonly GuestAction[] WhenOff = [GuestAction.Start];
    private static readonly GuestAction[] WhenRunning =
        [GuestAction.Shutdown, GuestAction.Reboot, GuestAction.ForceOff, GuestAction.Reset, GuestAction.Pause];
    private static readonly GuestAction[] WhenPaused = [GuestAction.Resume, GuestAction.ForceOff];
    private static readonly GuestAction[] WhenStuck = [GuestAction.ForceOff];

    public static IReadOnlyList<GuestAction> ValidFor(GuestState state) => state switch
    {
        GuestState.ShutOff or GuestState.Crashed => WhenOff,
        GuestState.Running or GuestState.Blocked => WhenRunning,
        GuestState.Paused or GuestState.PmSuspended => WhenPaused,
        GuestState.ShuttingDown => WhenStuck,
        _ => [],
    };

    /// <summary>Actions that lose the guest's unsaved state, so the user confirms them first.</summary>
    public static bool NeedsConfirmation(GuestAction action) => action is GuestAction.ForceOff or GuestAction.Reset;

    /// <summary>The lower-case word used in test ids and the audit log.</summary>
    public static string Slug(GuestAction action) => action switch
    {
        GuestAction.Start => "start",
        GuestAction.Shutdown => "shutdown",
        GuestAction.ForceOff => "forceoff",
        GuestAction.Reboot => "reboot",
        GuestAction.Reset => "reset",
        GuestAction.Pause => "pause",
        GuestAction.Resume => "resume",
        GuestAction.AutostartOn => "autostart-on",
        GuestAction.AutostartOff => "autostart-off",
        _ => action.ToString().ToLowerInvariant(),
    };
}
