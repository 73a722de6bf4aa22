using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using WebVirt.Contracts;
using WebVirt.Web.Agents;
using WebVirt.Web.Agents.Enrolment;
using WebVirt.Web.Components.Hosts;
using WebVirt.Web.Formatting;
using WebVirt.Web.Security;

namespace WebVirt.Web.Components.Pages;

/// <summary>Adding a host with an enrolment code, and removing one that was added so.</summary>
public sealed partial class HostPage
{
    private bool _canManageHosts;

    [CascadingParameter]
    private Task<AuthenticationState> Authentication { get; set; } = default!;

    [Inject]
    private AgentDirectory Directory { get; set; } = default!;

    [Inject]
    private HostEnrolmentService Enrolment { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    private bool CanRemoveHost => _canManageHosts && _hostId.Length > 0 && Directory.IsEnrolled(_hostId);

    protected override async Task OnInitializedAsync() =>
        _canManageHosts = Permissions.IsAllowed((await Authentication).User, Permission.ManageHosts);

    private async Task AddHostAsync()
    {
        if (await AddHostDialog.ShowAsync(Dialogs, H["Add.Title"]) is { HostId: { } hostId } added)
        {
            Snackbar.Add(H["Add.Done", hostId, EnrolmentHandshake.FingerprintForDisplay(added.CertificateSha256 ?? "")], Severity.Success, o => o.RequireInteraction = true);
            Navigation.NavigateTo("/hosts/" + Uri.EscapeDataString(hostId));
        }
    }

    private async Task RemoveHostAsync()
    {
        var hostId = _hostId;
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            H["Remove.Title", hostId], H["Remove.Confirm", hostId], yesText: H["Remove.Ok"], cancelText: H["Remove.Cancel"]);
        if (confirmed != true)
        {
            return;
        }

        var result = await Enrolment.RemoveAsync(hostId);
        Snackbar.Add(result.Ok ? H["Remove.Done", hostId] : AgentTexts.Describe(result.Failure) ?? "", result.Ok ? Severity.Success : Severity.Error);
        if (result.Ok)
        {
            Navigation.NavigateTo("/hosts");
        }
    }
}
