using MudBlazor;
using WebVirt.Web.Agents.Gateway;

namespace WebVirt.Web.Components.Pages;

/// <summary>
/// The network card the guest will actually get, as the agent's preview says by the one rule the XML
/// is built with (a Windows guest without the virtio driver disk gets an Intel card): the Network
/// step says so when it is not the chosen model. Read again when the model changes and when the
/// user comes back to the step (the machine type, chosen later, decides e1000e or e1000).
/// </summary>
public partial class CreateGuestPage
{
    private const int NetworkStep = 3;

    private string? _guestNic;

    private Task GuestNicChangedAsync() => RefreshGuestNicAsync();

    private async Task BackToNetworkStepAsync(StepperInteractionEventArgs args)
    {
        if (args.Action == StepAction.Activate && args.StepIndex == NetworkStep)
        {
            await RefreshGuestNicAsync();
        }
    }

    private async Task RefreshGuestNicAsync()
    {
        try
        {
            _guestNic = (await Provisioning.PreviewAsync(_hostId, Spec())).NicModel;
        }
        catch (Exception ex) when (ex is AgentCallException or OperationCanceledException)
        {
            // Without an answer the step says nothing about the card rather than something stale.
            _guestNic = null;
        }
    }
}
