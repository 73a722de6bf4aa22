using Microsoft.AspNetCore.Components;

namespace WebVirt.Web.Components.Shared;

/// <summary>
/// Renders nothing; tells its parent once it has reached the browser. Placed inside a template
/// that appears late (a Virtualize row, which waits for the browser to measure the list), it lets
/// the parent show a loading state until the content is really on screen.
/// </summary>
public sealed class RenderedSignal : ComponentBase
{
    [Parameter, EditorRequired]
    public EventCallback OnRendered { get; set; }

    protected override Task OnAfterRenderAsync(bool firstRender) => firstRender ? OnRendered.InvokeAsync() : Task.CompletedTask;
}
