using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;
using WebVirt.Web.Endpoints;
using WebVirt.Web.Security;
using WebVirt.Web.Security.Pam;
using WebVirt.Web.Security.TwoFactor;

namespace WebVirt.Web.Components.Pages;

/// <summary>
/// Static server-rendered sign-in form: SignInManager writes the auth cookie into the HTTP
/// response, which only exists outside an interactive circuit.
/// </summary>
public partial class Login
{
    private string? _error;

    [Inject]
    private SignInManager<IdentityUser> SignIn { get; set; } = default!;

    [Inject]
    private PamLogin HostLogin { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [SupplyParameterFromForm(FormName = "login")]
    private LoginInput Input { get; set; } = default!;

    [SupplyParameterFromQuery]
    private string? ReturnUrl { get; set; }

    protected override void OnInitialized() => Input ??= new LoginInput();

    private async Task SignInAsync()
    {
        Input ??= new LoginInput();
        if (string.IsNullOrWhiteSpace(Input.UserName) || string.IsNullOrEmpty(Input.Password))
        {
            _error = L["Login.Failed"];
            return;
        }

        if (HostLogin.Enabled && Input.Realm == LoginRealm.Host)
        {
            var hostResult = await HostLogin.SignInAsync(Input.UserName.Trim(), Input.Password);
            if (hostResult == PamLoginResult.Succeeded)
            {
                Navigation.NavigateTo(LocalUrl.OrRoot(ReturnUrl), forceLoad: true);
                return;
            }

            _error = hostResult == PamLoginResult.NoMappedGroup ? A["Login.HostNoRole"] : L["Login.Failed"];
            return;
        }

        var result = await SignIn.PasswordSignInAsync(Input.UserName.Trim(), Input.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            Navigation.NavigateTo(LocalUrl.OrRoot(ReturnUrl), forceLoad: true);
            return;
        }

        if (result.RequiresTwoFactor)
        {
            Navigation.NavigateTo(TwoFactorSignIn.PathFor(ReturnUrl), forceLoad: true);
            return;
        }

        // One message for a wrong name, a wrong password and a locked account, so the form
        // does not tell an attacker which accounts exist.
        _error = L["Login.Failed"];
    }

    private string LanguageLink(string culture)
    {
        var here = "/" + Navigation.ToBaseRelativePath(Navigation.Uri);
        return $"{AccountEndpoints.CulturePath}?culture={Uri.EscapeDataString(culture)}&redirectUri={Uri.EscapeDataString(here)}";
    }

    private sealed class LoginInput
    {
        public string UserName { get; set; } = "";

        public string Password { get; set; } = "";

        public string Realm { get; set; } = LoginRealm.WebVirt;
    }
}
