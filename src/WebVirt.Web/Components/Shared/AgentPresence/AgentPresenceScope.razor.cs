using Microsoft.AspNetCore.Components;
using WebVirt.Web.Agents;

namespace WebVirt.Web.Components.Shared;

/// <summary>
/// Gives every page below it the current <see cref="AgentPresence"/>, renewed the moment an agent
/// goes away or comes back, so stale marks and disabled actions come and go by themselves.
/// </summary>
public sealed partial class AgentPresenceScope
{
    private AgentPresence _presence = AgentPresence.AllPresent;
    private IDisposable? _subscription;

    [Parameter]
    public RenderFragment? ChildContent { get; set; }

    [Inject]
    private AgentConnections Agents { get; set; } = default!;

    public void Dispose() => _subscription?.Dispose();

    protected override void OnInitialized()
    {
        _presence = AgentPresence.Of(Agents);
        _subscription = Agents.Subscribe(change =>
        {
            if (change == InventoryChange.State)
            {
                _ = InvokeAsync(Renew);
            }
        });
    }

    private void Renew()
    {
        var now = AgentPresence.Of(Agents);
        if (!now.SameAs(_presence))
        {
            _presence = now;
            StateHasChanged();
        }
    }
}
