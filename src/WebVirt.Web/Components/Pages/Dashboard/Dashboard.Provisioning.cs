using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using MudBlazor;
using WebVirt.Web.Agents.Gateway;
using WebVirt.Web.Components.Dashboard;
using WebVirt.Web.Components.Shared;
using WebVirt.Web.Resources;

namespace WebVirt.Web.Components.Pages;

/// <summary>Clone, template mark and delete from a guest row; the rows themselves follow from the agents' pushes.</summary>
public partial class Dashboard
{
    [Inject]
    private IProvisioningGateway Provisioning { get; set; } = default!;

    [Inject]
    private IStringLocalizer<ProvisioningResource> ProvisioningText { get; set; } = default!;

    private async Task ProvisionAsync(GuestProvisioningRequest request)
    {
        var guest = request.Guest;
        if (_busyGuests.Contains(GuestKey.Of(guest)))
        {
            return;
        }

        switch (request.Action)
        {
            case GuestProvisioningAction.Clone:
                if (await CloneGuestDialog.ShowAsync(Dialogs, ProvisioningText["Clone.Title", guest.Name], guest) is { } newName)
                {
                    Snackbar.Add(ProvisioningText["Clone.Started", guest.Name, newName], Severity.Info);
                }

                break;
            case GuestProvisioningAction.Delete:
                if (await DeleteGuestDialog.ShowAsync(Dialogs, ProvisioningText["Delete.Title", guest.Name], guest))
                {
                    Snackbar.Add(ProvisioningText["Delete.Started", guest.Name], Severity.Info);
                }

                break;
            case GuestProvisioningAction.ToggleTemplate:
                if (!_busyGuests.Add(GuestKey.Of(guest)))
                {
                    return;
                }

                try
                {
                    StateHasChanged();
                    var result = await Provisioning.SetTemplateAsync(guest, !guest.IsTemplate);
                    Report(result, ProvisioningText["Template.Failed", guest.Name],
                        ProvisioningText[guest.IsTemplate ? "Template.Unmarked" : "Template.Marked", guest.Name]);
                }
                finally
                {
                    _busyGuests.Remove(GuestKey.Of(guest));
                }

                break;
        }
    }
}
