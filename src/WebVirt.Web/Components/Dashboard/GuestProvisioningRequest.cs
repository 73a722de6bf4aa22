using WebVirt.Contracts;

namespace WebVirt.Web.Components.Dashboard;

/// <summary>What a guest row's provisioning buttons ask for; the page opens the dialog or makes the call.</summary>
public enum GuestProvisioningAction
{
    Clone,
    ToggleTemplate,
    Delete,
}

/// <summary>A user's click on a clone, template or delete button, before any dialog and permission check.</summary>
public sealed record GuestProvisioningRequest(GuestInfo Guest, GuestProvisioningAction Action);
