using Microsoft.AspNetCore.Components;
using WebVirt.Contracts;
using WebVirt.Web.Agents;
using WebVirt.Web.Components.Shared;
using WebVirt.Web.Security;
using WebVirt.Web.Security.Rights;

namespace WebVirt.Web.Components.Dashboard;

/// <summary>Clone, template mark and delete for one guest, shown only to users who may use them on this guest and in states the agent accepts.</summary>
public partial class GuestProvisioningButtons
{
    private bool _canClone;
    private bool _canManageTemplates;
    private bool _canDelete;

    [CascadingParameter]
    private AgentPresence? Presence { get; set; }

    [Parameter, EditorRequired]
    public GuestInfo Guest { get; set; } = default!;

    [Parameter]
    public bool Busy { get; set; }

    /// <summary>The user's rights, read once by the page; the buttons follow the rights on this guest.</summary>
    [Parameter]
    public UserRights Rights { get; set; } = UserRights.None;

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

    protected override void OnParametersSet()
    {
        _canClone = Rights.MayOnGuest(Permission.CloneGuest, Guest);
        _canManageTemplates = Rights.MayOnGuest(Permission.ManageTemplates, Guest);
        _canDelete = Rights.MayOnGuest(Permission.DeleteGuest, Guest);
    }

    private Task Request(GuestProvisioningAction action) => OnRequest.InvokeAsync(new GuestProvisioningRequest(Guest, action));
}
