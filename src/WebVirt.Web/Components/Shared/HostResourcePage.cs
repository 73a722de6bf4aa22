using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Localization;
using MudBlazor;
using WebVirt.Contracts;
using WebVirt.Web.Agents;
using WebVirt.Web.Resources;
using WebVirt.Web.Security;
using WebVirt.Web.Security.Rights;

namespace WebVirt.Web.Components.Shared;

/// <summary>
/// What the storage and networks pages share: the host picked from the connected agents, the user's
/// rights (read once per page, asked per host and per pool or network through <see cref="ObjectRights"/>,
/// as the gateway decides), and changes (sent through the agent gateway, which checks and
/// audits them) that reload the page's data after they land.
/// </summary>
public abstract class HostResourcePage : ComponentBase
{
    // Busy from the start: until the first load has ended the page has nothing of the host to show or act on.
    private bool _busy = true;

    [Inject]
    protected AgentConnections Agents { get; set; } = default!;

    [Inject]
    protected IDialogService Dialogs { get; set; } = default!;

    [Inject]
    protected ISnackbar Snackbar { get; set; } = default!;

    protected IReadOnlyList<HostView> Hosts { get; private set; } = [];

    protected string HostId { get; private set; } = "";

    /// <summary>While data loads or a change is on its way, or the host's agent is away (every control here needs it).</summary>
    protected bool Busy
    {
        get => _busy || Presence?.IsAway(HostId) == true;
        set => _busy = value;
    }

    [CascadingParameter]
    private AgentPresence? Presence { get; set; }

    /// <summary>What the user may do, by object; the pages show a pool's or network's change controls by the rights on it.</summary>
    protected UserRights Rights { get; private set; } = UserRights.None;

    /// <summary>Whether the user holds <see cref="ManagePermission"/> on the selected host itself: creating a pool or network needs that.</summary>
    protected bool CanManageHost => Rights.MayOnHost(ManagePermission, HostId);

    protected abstract Permission ManagePermission { get; }

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    [Inject]
    private RightsEvaluator Evaluator { get; set; } = default!;

    [Inject]
    private IStringLocalizer<SharedResource> SharedText { get; set; } = default!;

    /// <summary>Reads the selected host's resources again.</summary>
    protected abstract Task LoadAsync();

    /// <summary>Forgets what was selected on the previous host.</summary>
    protected virtual void OnHostChanged()
    {
    }

    protected override async Task OnInitializedAsync()
    {
        try
        {
            Rights = await Evaluator.ForAsync((await AuthenticationState).User);
            Hosts = Agents.Hosts;
            HostId = Hosts.FirstOrDefault()?.HostId ?? "";
            await LoadAsync();
        }
        finally
        {
            _busy = false;
        }
    }

    protected async Task SelectHostAsync(string hostId)
    {
        HostId = hostId;
        OnHostChanged();
        await LoadAsync();
    }

    /// <summary>Sends a change of the selected host's resources and reads them again when it has landed.</summary>
    protected async Task<ActionResult> ChangeAsync(Func<string, Task<ActionResult>> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        Busy = true;
        try
        {
            var result = await change(HostId);
            await LoadAsync();
            return result;
        }
        finally
        {
            Busy = false;
        }
    }

    protected void Report(ActionResult result, string failedTitle, string doneText) =>
        Snackbar.Report(result, failedTitle, doneText, SharedText);
}
