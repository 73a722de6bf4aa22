using WebVirt.Web.Data;
using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using WebVirt.Web.Endpoints;
using WebVirt.Web.Resources;
using WebVirt.Web.Security;
using WebVirt.Web.Security.Login;
using WebVirt.Web.Security.Pam;
using WebVirt.Web.Security.TwoFactor;

namespace WebVirt.Web.Components.Pages;

/// <summary>
/// Static server-rendered sign-in form: the login service writes the auth cookie into the HTTP
/// response, which only exists outside an interactive circuit.
/// </summary>
public partial class Login
{
    private string? _error;

    [Inject]
    private LoginService Logins { get; set; } = default!;

    [Inject]
    private IStringLocalizer<SessionResource> S { get; set; } = default!;

    [CascadingParameter]
    private HttpContext? HttpContext { get; set; }

    [Inject]
    private IStringLocalizer<FaultResource> F { get; set; } = default!;

    [Inject]
    private DatabaseHealth Database { get; set; } = default!;

    [Inject]
    private PamLogin HostLogin { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [SupplyParameterFromForm(FormName = "login")]
    private LoginInput Input { get; set; } = default!;

    [SupplyParameterFromQuery]
    private string? ReturnUrl { get; set; }

    protected override void OnInitialized()
    {
        Input ??= new LoginInput();
        if (!Database.IsUp)
        {
            _error = F["Login.Unavailable"];
        }
    }

    private async Task SignInAsync()
    {
        Input ??= new LoginInput();
        if (string.IsNullOrWhiteSpace(Input.UserName) || string.IsNullOrEmpty(Input.Password))
        {
            _error = L["Login.Failed"];
            return;
        }

        var attempt = new LoginAttempt(
            Input.UserName,
            Input.Password,
            HttpContext?.Connection.RemoteIpAddress,
            HttpContext?.Request.Headers.UserAgent.ToString(),
            HostLogin.Enabled && Input.Realm == LoginRealm.Host ? LoginRealm.Host : LoginRealm.WebVirt);
        LoginResult result;
        try
        {
            result = await Logins.LoginAsync(attempt, HttpContext?.RequestAborted ?? default);
        }
        catch (Exception ex) when (Database.Report(ex))
        {
            // The form keeps the name; the user tries again once the database is back.
            _error = F["Login.Unavailable"];
            return;
        }

        switch (result.Outcome)
        {
            case LoginOutcome.Succeeded:
                Navigation.NavigateTo(LocalUrl.OrRoot(ReturnUrl), forceLoad: true);
                break;
            case LoginOutcome.RequiresTwoFactor:
                Navigation.NavigateTo(TwoFactorSignIn.PathFor(ReturnUrl), forceLoad: true);
                break;
            case LoginOutcome.Throttled:
                _error = S["Login.Throttled", Math.Ceiling(result.RetryAfter.TotalSeconds).ToString(CultureInfo.CurrentCulture)];
                break;
            case LoginOutcome.NoRole:
                _error = A["Login.HostNoRole"];
                break;
            default:
                // One message for a wrong name, a wrong password and a disabled account, so the form
                // does not tell an attacker which accounts exist.
                _error = L["Login.Failed"];
                break;
        }
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
