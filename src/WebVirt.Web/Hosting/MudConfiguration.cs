using MudBlazor;
using MudBlazor.Services;

namespace WebVirt.Web.Hosting;

/// <summary>MudBlazor's settings for the whole console.</summary>
public static class MudConfiguration
{
    /// <summary>
    /// Notes appear at the bottom right: at MudBlazor's default (top right) a failure note, which
    /// stays until closed, lies over the app bar's language and user menus and the page's own
    /// header buttons (Open console, actions).
    /// </summary>
    public static void Configure(MudServicesConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        configuration.SnackbarConfiguration.PositionClass = Defaults.Classes.Position.BottomRight;
    }
}
