using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using WebVirt.Web.Resources;
using WebVirt.Web.Security;
using WebVirt.Web.Security.Login;
using WebVirt.Web.Security.TwoFactor;

namespace WebVirt.Web.Components.Pages;

/// <summary>
/// The login's second step, static server-rendered like the login form because completing it
/// writes the auth cookie. Without a pending password login it sends the browser back to /login.
/// </summary>
public partial class TwoFactorLogin
{
    private string? _error;

    [Inject]
    private TwoFactorSignIn SecondStep { get; set; } = default!;

    [Inject]
    private IStringLocalizer<SessionResource> S { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [SupplyParameterFromForm(FormName = "two-factor-login")]
    private CodeInput Input { get; set; } = default!;

    [SupplyParameterFromQuery]
    private string? ReturnUrl { get; set; }

    protected override async Task OnInitializedAsync()
    {
        Input ??= new CodeInput();
        if (!await SecondStep.IsPendingAsync())
        {
            Navigation.NavigateTo(IdentitySetup.LoginPath, forceLoad: true);
        }
    }

    private async Task VerifyAsync()
    {
        Input ??= new CodeInput();
        var result = await SecondStep.SignInAsync(Input.Code);
        switch (result?.Outcome)
        {
            case LoginOutcome.Succeeded:
                Navigation.NavigateTo(LocalUrl.OrRoot(ReturnUrl), forceLoad: true);
                break;
            case null:
                Navigation.NavigateTo(IdentitySetup.LoginPath, forceLoad: true);
                break;
            case LoginOutcome.Throttled:
                _error = S["Login.Throttled", Math.Ceiling(result.RetryAfter.TotalSeconds).ToString(CultureInfo.CurrentCulture)];
                Input.Code = "";
                break;
            default:
                // One message for a wrong, used or malformed code and a disabled account.
                _error = A["TwoFactorLogin.Failed"];
                Input.Code = "";
                break;
        }
    }

    private sealed class CodeInput
    {
        public string Code { get; set; } = "";
    }
}
