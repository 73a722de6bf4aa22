using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using WebVirt.Contracts;
using WebVirt.Web.Components.Shared;

namespace WebVirt.Web.Components.Pages;

/// <summary>
/// The "from template" source. A template already is a finished guest, so it is not built from a spec:
/// the agent's clone copies it, and the wizard's remaining steps do not apply.
/// </summary>
public partial class CreateGuestPage
{
    private string? _templateUuid;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    private IReadOnlyList<GuestInfo> Templates =>
        [.. Agents.Guests.Where(g => g.HostId == _hostId && g.IsTemplate).OrderBy(g => g.Name, StringComparer.CurrentCultureIgnoreCase)];

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
