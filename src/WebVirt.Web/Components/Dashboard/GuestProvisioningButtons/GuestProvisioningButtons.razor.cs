using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using WebVirt.Contracts;
using WebVirt.Web.Agents;
using WebVirt.Web.Components.Shared;
using WebVirt.Web.Security;

namespace WebVirt.Web.Components.Dashboard;

/// <summary>Clone, template mark and delete for one guest, shown only to roles that may use them and in states the agent accepts.</summary>
public partial class GuestProvisioningButtons
{
    private bool _canClone;
    private bool _canManageTemplates;
    private bool _canDelete;

    [CascadingParameter]
    private Task<AuthenticationState>? Authentication { get; set; }

    [CascadingParameter]
    private AgentPresence? Presence { get; set; }

    [Parameter, EditorRequired]
    public GuestInfo Guest { get; set; } = default!;

    [Parameter]
    public bool Busy { get; set; }

    [Parameter]
    public EventCallback<GuestProvisioningRequest> OnRequest { get; set; }

    // The agent copies disks only of a shut-off guest (a running one's disks change while copied), and
    // keeps transient guests out: they have no definition to copy or to mark.
    private bool ShowClone => _canClone && Guest.Persistent && Guest.State == GuestState.ShutOff;

    // Unmarking is always offered so a template never gets stuck; marking only a shut-off guest, as the agent demands.
    private bool ShowTemplate => _canManageTemplates && Guest.Persistent && (Guest.IsTemplate || Guest.State == GuestState.ShutOff);

    /// <summary>Why the buttons are disabled: the guest's agent is away.</summary>
    private string? AwayReason => AgentReason.For(Presence, Guest.HostId, F);

    private string TemplateText => P[Guest.IsTemplate ? "Action.UnmarkTemplate" : "Action.MarkTemplate"];

    protected override async Task OnParametersSetAsync()
    {
        if (Authentication is null)
        {
            return;
        }

        var user = (await Authentication).User;
        _canClone = Permissions.IsAllowed(user, Permission.CloneGuest);
        _canManageTemplates = Permissions.IsAllowed(user, Permission.ManageTemplates);
        _canDelete = Permissions.IsAllowed(user, Permission.DeleteGuest);
    }

    private Task Request(GuestProvisioningAction action) => OnRequest.InvokeAsync(new GuestProvisioningRequest(Guest, action));
}
