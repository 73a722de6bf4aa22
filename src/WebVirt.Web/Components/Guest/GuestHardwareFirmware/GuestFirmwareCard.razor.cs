using Microsoft.AspNetCore.Components;
using MudBlazor;
using WebVirt.Contracts;
using WebVirt.Web.Components.Shared;
using WebVirt.Web.Formatting;

namespace WebVirt.Web.Components.Guest;

/// <summary>
/// Firmware, Secure Boot and the emulated TPM. Both switches change how QEMU starts, so they work on
/// a shut-off guest only; a host without swtpm or the Secure Boot firmware refuses them with the
/// agent's message and nothing changes.
/// </summary>
public partial class GuestFirmwareCard
{
    private string? _error;
    private bool _busy;

    // A declined removal leaves the switch as the user flipped it; a new switch shows the TPM as it is.
    private int _tpmSwitch;

    [Parameter, EditorRequired]
    public GuestDetails Details { get; set; } = default!;

    [Parameter]
    public bool CanEdit { get; set; }

    [Parameter, EditorRequired]
    public Func<HardwareChange, Task<ActionResult>> Apply { get; set; } = default!;

    private GuestHardware Next => Details.NextBoot ?? Details.Hardware;

    private bool IsUefi => string.Equals(Details.Firmware, "uefi", StringComparison.OrdinalIgnoreCase);

    private bool IsShutOff => Details.Guest.State == GuestState.ShutOff;

    private Task SetSecureBootAsync(bool enabled) =>
        SendAsync(new HardwareChange(S["Firmware.SecureBoot.What"], (gateway, guest) => gateway.SetSecureBootAsync(guest, enabled)));

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    // Removing the TPM deletes its state on the host too (the agent does it), so it is confirmed first.
    private async Task SetTpmAsync(bool enabled)
    {
        if (!enabled && !await ConfirmDialog.AskAsync(Dialogs, S["Firmware.Tpm.RemoveTitle", Details.Guest.Name], S["Firmware.Tpm.RemoveConfirm"], S["Firmware.Tpm.Remove"]))
        {
            _tpmSwitch++;
            return;
        }

        await SendAsync(new HardwareChange(S["Firmware.Tpm.What"], (gateway, guest) => gateway.SetTpmAsync(guest, enabled)));
    }

    private async Task SendAsync(HardwareChange change)
    {
        _busy = true;
        try
        {
            var result = await Apply(change);
            _error = result.Ok ? null : AgentTexts.Describe(result);
        }
        finally
        {
            _busy = false;
        }
    }
}
