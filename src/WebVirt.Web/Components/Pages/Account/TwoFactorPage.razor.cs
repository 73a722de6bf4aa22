using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;
using WebVirt.Web.Security;
using WebVirt.Web.Security.TwoFactor;

namespace WebVirt.Web.Components.Pages;

/// <summary>
/// The user's own authenticator app: enrol with the key or its QR code and a first code, see the
/// recovery codes once, or turn it off with a current code. Static server-rendered, because each
/// change renews the user's sign-in cookie.
/// </summary>
public partial class TwoFactorPage
{
    private IdentityUser? _user;
    private string _key = "";
    private string _qrSvg = "";
    private int _recoveryCodesLeft;
    private IReadOnlyList<string>? _recoveryCodes;
    private bool _disabledNow;
    private string? _error;

    [CascadingParameter]
    private HttpContext HttpContext { get; set; } = default!;

    [Inject]
    private TwoFactorAccount Account { get; set; } = default!;

    [Inject]
    private TwoFactorPolicy Policy { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [SupplyParameterFromForm(FormName = "two-factor-enrol")]
    private CodeInput EnrolInput { get; set; } = default!;

    [SupplyParameterFromForm(FormName = "two-factor-disable")]
    private CodeInput DisableInput { get; set; } = default!;

    private bool _required;

    /// <summary>While enrolment is required and not done, this page is all the user may see.</summary>
    private bool MustEnrol => _required && _user is not null && TwoFactorAccount.CanEnrol(_user) && !_user.TwoFactorEnabled && _recoveryCodes is null;

    protected override async Task OnInitializedAsync()
    {
        EnrolInput ??= new CodeInput();
        DisableInput ??= new CodeInput();
        _required = await Policy.IsRequiredAsync();
        _user = await Account.UserAsync(HttpContext.User);
        if (_user is null)
        {
            Navigation.NavigateTo(IdentitySetup.LoginPath, forceLoad: true);
            return;
        }

        await ShowStateAsync(_user);
    }

    private async Task EnrolAsync()
    {
        if (_user is null)
        {
            return;
        }

        _recoveryCodes = await Account.EnrolAsync(_user, EnrolInput.Code);
        if (_recoveryCodes is null)
        {
            _error = A["TwoFactor.BadCode"];
        }

        EnrolInput.Code = "";
        await ShowStateAsync(_user);
    }

    private async Task DisableAsync()
    {
        if (_user is null)
        {
            return;
        }

        _disabledNow = await Account.DisableAsync(_user, DisableInput.Code);
        if (!_disabledNow)
        {
            _error = A["TwoFactor.BadCode"];
        }

        DisableInput.Code = "";
        await ShowStateAsync(_user);
    }

    private async Task ShowStateAsync(IdentityUser user)
    {
        if (!TwoFactorAccount.CanEnrol(user))
        {
            return;
        }

        if (user.TwoFactorEnabled)
        {
            _recoveryCodesLeft = await Account.RecoveryCodesLeftAsync(user);
            return;
        }

        var key = await Account.PendingKeyAsync(user);
        _key = AuthenticatorCodes.FormatKey(key);
        _qrSvg = AuthenticatorCodes.QrCodeSvg(AuthenticatorCodes.OtpAuthUri(user.UserName ?? "", key));
    }

    private sealed class CodeInput
    {
        public string Code { get; set; } = "";
    }
}
