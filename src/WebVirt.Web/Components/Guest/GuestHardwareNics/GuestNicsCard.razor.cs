using Microsoft.AspNetCore.Components;
using MudBlazor;
using WebVirt.Contracts;
using WebVirt.Web.Components.Shared;

namespace WebVirt.Web.Components.Guest;

/// <summary>The guest's network cards: add, remove, change source or model, and link up/down (live on a running guest).</summary>
public partial class GuestNicsCard
{
    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Parameter, EditorRequired]
    public string HostId { get; set; } = "";

    [Parameter, EditorRequired]
    public GuestDetails Details { get; set; } = default!;

    [Parameter]
    public bool CanEdit { get; set; }

    [Parameter, EditorRequired]
    public Func<HardwareChange, Task<ActionResult>> Apply { get; set; } = default!;

    private string SourceText(GuestNicInfo nic) =>
        $"{(S["Nics.Type." + nic.SourceType] is { ResourceNotFound: false } type ? type.Value : nic.SourceType)}: {nic.Source ?? "—"}";

    private Task AddAsync() => GuestNicDialog.ShowAsync(Dialogs, S["NicAdd.Title", Details.Guest.Name], HostId, null, nic =>
        Apply(new HardwareChange(S["Nic.What.New"], (gateway, guest) => gateway.AddNicAsync(guest, nic))));

    private Task ChangeAsync(GuestNicInfo existing) => GuestNicDialog.ShowAsync(Dialogs, S["NicChange.Title", existing.Mac], HostId, existing, nic =>
        Apply(new HardwareChange(S["Nic.What", existing.Mac], (gateway, guest) => gateway.UpdateNicAsync(guest, existing.Mac, nic))));

    private async Task RemoveAsync(GuestNicInfo nic)
    {
        if (await ConfirmDialog.AskAsync(Dialogs, S["NicRemove.Title", nic.Mac], S["NicRemove.Message", nic.Mac, SourceText(nic)], S["Nics.Remove"]))
        {
            await Apply(new HardwareChange(S["Nic.What", nic.Mac], (gateway, guest) => gateway.RemoveNicAsync(guest, nic.Mac)));
        }
    }

    private Task LinkAsync(GuestNicInfo nic) =>
        Apply(new HardwareChange(S["Nic.What", nic.Mac], (gateway, guest) => gateway.SetNicLinkAsync(guest, nic.Mac, !nic.LinkUp)));
}
