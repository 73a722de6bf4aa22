using Microsoft.AspNetCore.Components;
using WebVirt.Web.Agents;

namespace WebVirt.Web.Components.Shared;

/// <summary>Beside data that comes from a host's agent: while the agent is away, says that the data is as of when it left.</summary>
public sealed partial class AgentStaleMark
{
    [CascadingParameter]
    private AgentPresence? Presence { get; set; }

    [Parameter, EditorRequired]
    public string? HostId { get; set; }

    [Parameter]
    public string? Class { get; set; }
}
