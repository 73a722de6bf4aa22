using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using MudBlazor;
using WebVirt.Web.Agents;
using WebVirt.Web.Resources;
using WebVirt.Web.Security;
using WebVirt.Web.Security.Rights;

namespace WebVirt.Web.Components.Pages;

/// <summary>
/// Grants roles on paths to users and groups, keeps the groups and the custom roles, and shows what a user
/// may do and why. Every change goes through <see cref="RightsAdmin"/>, which checks, audits and refuses bad input.
/// </summary>
public partial class RightsPage
{
    private IReadOnlyList<GrantView> _grants = [];
    private IReadOnlyList<GroupView> _groups = [];
    private IReadOnlyList<RoleView> _roles = [];
    private IReadOnlyList<string> _users = [];
    private readonly HashSet<Permission> _newPrivileges = [];
    private UserRights? _effective;
    private string? _effectiveUser;
    private string? _error;
    private bool _busy;
    private bool _toGroup;
    private string? _principal;
    private RightsPathKind _pathKind = RightsPathKind.Guest;
    private string? _hostId;
    private string? _objectName;
    private string? _role = Roles.Operator;
    private string? _newGroup;
    private string? _newRole;

    [Inject]
    private RightsAdmin Admin { get; set; } = default!;

    [Inject]
    private AgentConnections Agents { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private IStringLocalizer<RightsResource> Texts { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        _hostId = Agents.Hosts.FirstOrDefault()?.HostId;
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        _grants = await Admin.GrantsAsync();
        _groups = await Admin.GroupsAsync();
        _roles = await Admin.RolesAsync();
        _users = await Admin.UserNamesAsync();
        if (_effectiveUser is not null)
        {
            _effective = await Admin.EffectiveAsync(_effectiveUser);
        }
    }

    /// <summary>The path the picker describes; what it lacks is left empty, and the check on granting names it.</summary>
    private string ComposePath() => _pathKind switch
    {
        RightsPathKind.Root => "/",
        RightsPathKind.Host => $"/hosts/{_hostId}",
        RightsPathKind.Pool => $"/hosts/{_hostId}/pools/{_objectName?.Trim()}",
        RightsPathKind.Network => $"/hosts/{_hostId}/networks/{_objectName?.Trim()}",
        RightsPathKind.Guest => $"/hosts/{_hostId}/guests/{_objectName}",
        _ => $"/tags/{_objectName?.Trim()}",
    };

    private string RoleLabel(string role) => role == Roles.ConsoleUser ? Texts["Rights.ConsoleUser"] : RoleCatalog.IsBuiltIn(role) ? L["Role." + role] : role;

    private Task GrantAsync() => RunAsync(
        () => Admin.GrantAsync(new GrantRequest(_toGroup ? null : _principal, _toGroup ? _principal : null, ComposePath(), _role)),
        "Rights.Granted");

    private async Task CreateRoleAsync()
    {
        var created = await RunAsync(() => Admin.CreateRoleAsync(_newRole, [.. _newPrivileges.Select(p => p.ToString())]), "Rights.RoleCreated");
        if (created)
        {
            _newRole = null;
            _newPrivileges.Clear();
        }
    }

    private void Toggle(Permission privilege, bool on)
    {
        if (on)
        {
            _newPrivileges.Add(privilege);
        }
        else
        {
            _newPrivileges.Remove(privilege);
        }
    }

    private async Task ShowEffectiveAsync(string? userName)
    {
        _effectiveUser = userName;
        _effective = userName is null ? null : await Admin.EffectiveAsync(userName);
    }

    /// <summary>Makes one change; a refusal is shown with its reason above the tabs and changes nothing.</summary>
    private async Task<bool> RunAsync(Func<Task<RightsChangeResult>> change, string doneKey)
    {
        _busy = true;
        try
        {
            var result = await change();
            _error = result.Ok ? null : Texts["Rights.Error." + result.Error].Value;
            if (result.Ok)
            {
                Snackbar.Add(Texts[doneKey], Severity.Success);
                await LoadAsync();
            }

            return result.Ok;
        }
        finally
        {
            _busy = false;
        }
    }
}
