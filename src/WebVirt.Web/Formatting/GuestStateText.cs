using MudBlazor;
using WebVirt.Contracts;

namespace WebVirt.Web.Formatting;

/// <summary>Resource key and colour of each guest state.</summary>
public static class GuestStateText
{
    public static string ResourceKey(GuestState state) => "State." + state;

    public static Color ColorOf(GuestState state) => state switch
    {
        GuestState.Running => Color.Success,
        GuestState.Paused or GuestState.PmSuspended => Color.Warning,
        GuestState.ShuttingDown or GuestState.Blocked => Color.Info,
        GuestState.Crashed => Color.Error,
        _ => Color.Default,
    };
}
