using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Localization;
using MudBlazor;
using WebVirt.Contracts;
using WebVirt.Web.Agents.Gateway;
using WebVirt.Web.Components.Shared;
using WebVirt.Web.Resources;
using WebVirt.Web.Security;
using WebVirt.Web.Security.Rights;

namespace WebVirt.Web.Components.Guest;

/// <summary>
/// The guest page's Hardware tab: CPU, memory, disks, NICs, boot order, firmware and TPM. Every card sends its edits
/// through here to the <see cref="IGuestHardwareGateway"/>, so each one is permission-checked and audited,
/// reported the same way, and followed by <see cref="Changed"/> so the page re-reads the details.
/// </summary>
public partial class GuestHardwarePanel
{
    private bool _canEdit;

    [Parameter, EditorRequired]
    public string HostId { get; set; } = "";

    [Parameter, EditorRequired]
    public GuestDetails Details { get; set; } = default!;

    /// <summary>Raised after every successful change.</summary>
    [Parameter]
    public EventCallback Changed { get; set; }

    [Inject]
    private IGuestHardwareGateway Hardware { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private IStringLocalizer<HardwareResource> S { get; set; } = default!;

    [Inject]
    private RightsEvaluator Evaluator { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    protected override async Task OnInitializedAsync()
    {
        if (AuthenticationState is not null)
        {
            _canEdit = (await Evaluator.ForAsync((await AuthenticationState).User)).MayOnGuest(Permission.EditGuest, HostId, Details.Guest.Uuid);
        }
    }

    private async Task<ActionResult> ApplyAsync(HardwareChange change)
    {
        var guest = Details.Guest;
        var result = await change.Send(Hardware, guest);
        Snackbar.Report(result, S["Change.Failed", change.What, guest.Name], S["Change.Done", change.What, guest.Name], L);
        if (result.Ok)
        {
            await Changed.InvokeAsync();
        }

        return result;
    }
}
