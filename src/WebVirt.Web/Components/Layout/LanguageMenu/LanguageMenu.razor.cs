using Microsoft.AspNetCore.Components;
using WebVirt.Web.Endpoints;
using WebVirt.Web.Hosting;

namespace WebVirt.Web.Components.Layout;

/// <summary>Switches the language; the choice is kept in the culture cookie, so it needs a full page load.</summary>
public partial class LanguageMenu
{
    // Each language is named in itself, so a user who cannot read the current one still finds theirs.
    private static readonly (string Culture, string Label)[] Languages =
        [(Cultures.English, "English"), (Cultures.SimplifiedChinese, "简体中文")];

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    private void Switch(string culture)
    {
        var here = "/" + Navigation.ToBaseRelativePath(Navigation.Uri);
        Navigation.NavigateTo(
            $"{AccountEndpoints.CulturePath}?culture={Uri.EscapeDataString(culture)}&redirectUri={Uri.EscapeDataString(here)}",
            forceLoad: true);
    }
}
