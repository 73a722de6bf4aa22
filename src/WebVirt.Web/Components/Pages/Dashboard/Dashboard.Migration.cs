using WebVirt.Contracts;
using WebVirt.Web.Components.Dashboard;
using WebVirt.Web.Components.Guest;
using WebVirt.Web.Security;

namespace WebVirt.Web.Components.Pages;

/// <summary>Bulk migrate: the guests checked in the table go to one destination through the batch dialog.</summary>
public partial class Dashboard
{
    private IReadOnlySet<GuestKey> _selected = new HashSet<GuestKey>();

    /// <summary>Moving guests takes the right to manage hosts, and a second host to move them to.</summary>
    private bool CanMigrate => _inventory.Hosts.Count > 1 && Permissions.IsAllowed(_user, Permission.ManageHosts);

    private void OnSelectedChanged(IReadOnlySet<GuestKey> selected) => _selected = selected;

    private async Task MigrateSelectedAsync()
    {
        // Only guests still listed: one that left the inventory since it was checked is no longer moved.
        IReadOnlyList<GuestInfo> guests = [.. _inventory.Guests.Where(guest => _selected.Contains(GuestKey.Of(guest)))];
        if (guests.Count == 0)
        {
            return;
        }

        var dialog = await MigrationBatchDialog.ShowAsync(Dialogs, MigrationL[guests.Count == 1 ? "Batch.TitleOne" : "Batch.Title", guests.Count], guests);
        if (await dialog.Result is { Canceled: false, Data: true })
        {
            _selected = new HashSet<GuestKey>();
        }
    }
}
