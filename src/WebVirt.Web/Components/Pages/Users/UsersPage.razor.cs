using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Localization;
using MudBlazor;
using WebVirt.Web.Components.Shared;
using WebVirt.Web.Resources;
using WebVirt.Web.Security;
using WebVirt.Web.Services;

namespace WebVirt.Web.Components.Pages;

/// <summary>Administrators list, create, re-role, disable, set passwords of and delete console users.</summary>
public partial class UsersPage
{
    private IReadOnlyList<UserSummary> _users = [];
    private string _newUserName = "";
    private string _newPassword = "";
    private string _newRole = Roles.Viewer;
    private string? _self;
    private bool _busy;

    [Inject]
    private UserAdminService UserAdmin { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private IStringLocalizer<SessionResource> Texts { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        _self = (await AuthenticationState).User.Identity?.Name;
        await ReloadAsync();
    }

    private bool IsSelf(UserSummary user) => string.Equals(user.UserName, _self, StringComparison.OrdinalIgnoreCase);

    private async Task ReloadAsync() => _users = await UserAdmin.ListAsync();

    private async Task CreateAsync()
    {
        if (await RunAsync(() => UserAdmin.CreateAsync(_newUserName, _newPassword, _newRole), L["Users.Created", _newUserName.Trim()]))
        {
            _newUserName = "";
        }

        _newPassword = "";
    }

    private Task<bool> ChangeRoleAsync(UserSummary user, string role) =>
        RunAsync(() => UserAdmin.ChangeRoleAsync(user.Id, role), L["Users.RoleChanged", user.UserName, L["Role." + role]]);

    private async Task DeleteAsync(UserSummary user)
    {
        var confirmed = await ConfirmDialog.AskAsync(Dialogs, L["Users.DeleteTitle"], L["Users.DeleteMessage", user.UserName], L["Users.Delete"]);
        if (confirmed)
        {
            await RunAsync(() => UserAdmin.DeleteAsync(user.Id), L["Users.Deleted", user.UserName]);
        }
    }

    private async Task SetPasswordAsync(UserSummary user)
    {
        var password = await SetPasswordDialog.AskAsync(Dialogs, Texts["Users.SetPasswordTitle", user.UserName]);
        if (password is not null)
        {
            await RunAsync(() => UserAdmin.SetPasswordAsync(user.Id, password), Texts["Users.PasswordSet", user.UserName]);
        }
    }

    private async Task ToggleDisabledAsync(UserSummary user)
    {
        if (user.LockedOut)
        {
            await RunAsync(() => UserAdmin.SetDisabledAsync(user.Id, disabled: false), Texts["Users.EnabledDone", user.UserName]);
            return;
        }

        var confirmed = await ConfirmDialog.AskAsync(Dialogs, Texts["Users.DisableTitle"], Texts["Users.DisableMessage", user.UserName], Texts["Users.Disable"]);
        if (confirmed)
        {
            await RunAsync(() => UserAdmin.SetDisabledAsync(user.Id, disabled: true), Texts["Users.DisabledDone", user.UserName]);
        }
    }

    private async Task<bool> RunAsync(Func<Task<UserChangeResult>> change, string doneText)
    {
        _busy = true;
        try
        {
            var result = await change();
            if (result.Ok)
            {
                Snackbar.Add(doneText, Severity.Success);
            }
            else
            {
                Snackbar.Add(ErrorText(result.Error), Severity.Error);
            }

            await ReloadAsync();
            return result.Ok;
        }
        finally
        {
            _busy = false;
        }
    }

    private string ErrorText(string? error) => error switch
    {
        UserAdminService.ErrorForbidden => L["Hint.Forbidden"],
        UserAdminService.ErrorSelf => L["Users.NotYourself"],
        UserAdminService.ErrorNotFound => L["Users.NotFound"],
        UserAdminService.ErrorBadRole => L["Users.BadRole"],
        _ => L["Users.Failed", error ?? ""],
    };
}
