using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Localization;
using MudBlazor;
using WebVirt.Web.Resources;
using WebVirt.Web.Security.Pam;
using WebVirt.Web.Services;

namespace WebVirt.Web.Components.Pages;

/// <summary>The signed-in user's own account: their sessions (each can be ended) and their password.</summary>
public partial class AccountPage
{
    private IReadOnlyList<OwnSession> _sessions = [];
    private string _currentPassword = "";
    private string _newPassword = "";
    private string _confirmation = "";
    private bool _busy;
    private bool _hostAccount;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    [Inject]
    private AccountService Account { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private IStringLocalizer<SessionResource> Texts { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        _hostAccount = HostAccountNames.IsHostAccount((await AuthenticationState).User.Identity?.Name);
        await ReloadAsync();
    }

    private static string When(DateTimeOffset at) => at.ToLocalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private async Task ReloadAsync()
    {
        _busy = true;
        try
        {
            _sessions = await Account.ListSessionsAsync();
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task EndAsync(OwnSession session)
    {
        // Ending this page's own session signs the page out; nothing is left to reload then.
        var result = await Account.EndSessionAsync(session);
        Snackbar.Add(result.Ok ? Texts["Sessions.Ended"] : ErrorText(result.Error), result.Ok ? Severity.Success : Severity.Error);
        if (!session.IsCurrent)
        {
            await ReloadAsync();
        }
    }

    private async Task ChangePasswordAsync()
    {
        _busy = true;
        try
        {
            var result = await Account.ChangePasswordAsync(_currentPassword, _newPassword, _confirmation);
            Snackbar.Add(result.Ok ? Texts["Password.Changed"] : ErrorText(result.Error), result.Ok ? Severity.Success : Severity.Error);
        }
        finally
        {
            _currentPassword = _newPassword = _confirmation = "";
            _busy = false;
        }
    }

    private string ErrorText(string? error) => error switch
    {
        AccountService.ErrorMismatch => Texts["Password.Mismatch"],
        AccountService.ErrorWrongPassword => Texts["Password.Wrong"],
        AccountService.ErrorNotFound => Texts["Sessions.NotFound"],
        AccountService.ErrorNotSignedIn => Texts["Account.NotSignedIn"],
        _ => L["Users.Failed", error ?? ""],
    };
}
