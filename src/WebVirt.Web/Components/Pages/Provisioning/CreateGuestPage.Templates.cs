using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using WebVirt.Contracts;
using WebVirt.Web.Agents;
using WebVirt.Web.Components.Shared;
using WebVirt.Web.Security.Rights;

namespace WebVirt.Web.Components.Pages;

/// <summary>
/// The "from template" source. A template already is a finished guest, so it is not built from a spec:
/// the agent's clone copies it, and the wizard's remaining steps do not apply. The list follows the
/// inventory while the page is open (a guest marked as template elsewhere appears) and holds only the
/// templates the user may see.
/// </summary>
public partial class CreateGuestPage : IDisposable
{
    private string? _templateUuid;
    private UserRights _rights = UserRights.None;
    private IReadOnlyList<GuestInfo> _templates = [];
    private IDisposable? _inventorySubscription;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private RightsEvaluator Rights { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    private IReadOnlyList<GuestInfo> Templates => _templates;

    public void Dispose() => _inventorySubscription?.Dispose();

    private async Task FollowTemplatesAsync()
    {
        _rights = await Rights.ForAsync((await AuthenticationState).User);
        _templates = CurrentTemplates();
        _inventorySubscription = Agents.Subscribe(change =>
        {
            if (change == InventoryChange.State)
            {
                _ = InvokeAsync(RefreshTemplates);
            }
        });
    }

    private void RefreshTemplates()
    {
        var current = CurrentTemplates();
        if (!current.Select(g => (g.Uuid, g.Name)).SequenceEqual(_templates.Select(g => (g.Uuid, g.Name))))
        {
            _templates = current;
            StateHasChanged();
        }
    }

    private List<GuestInfo> CurrentTemplates() =>
        [.. VisibleInventory.Of(Agents.Snapshot, _rights).Guests
            .Where(g => g.HostId == _hostId && g.IsTemplate)
            .OrderBy(g => g.Name, StringComparer.CurrentCultureIgnoreCase)];

    private async Task CloneTemplateAsync()
    {
        if (Templates.FirstOrDefault(g => g.Uuid == _templateUuid) is not { } template)
        {
            return;
        }

        if (await CloneGuestDialog.ShowAsync(Dialogs, Texts["Clone.Title", template.Name], template) is { } newName)
        {
            Snackbar.Add(string.Format(CultureInfo.CurrentCulture, Texts["Clone.Started"], template.Name, newName), Severity.Info);
            Navigation.NavigateTo("/");
        }
    }
}
