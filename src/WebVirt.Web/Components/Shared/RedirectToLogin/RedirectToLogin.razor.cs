using Microsoft.AspNetCore.Components;

namespace WebVirt.Web.Components.Shared;

/// <summary>Sends a signed-out user to the login page, keeping where they wanted to go.</summary>
public partial class RedirectToLogin
{
    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    protected override void OnInitialized()
    {
        var returnUrl = "/" + Navigation.ToBaseRelativePath(Navigation.Uri);
        Navigation.NavigateTo($"login?ReturnUrl={Uri.EscapeDataString(returnUrl)}", forceLoad: true);
    }
}
