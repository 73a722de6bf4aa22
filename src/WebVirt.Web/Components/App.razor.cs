using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.AspNetCore.Components.Routing;

namespace WebVirt.Web.Components;

public partial class App
{
    [CascadingParameter]
    private HttpContext HttpContext { get; set; } = default!;

    // Without prerendering, a page appears only once its circuit is live, so no click lands on
    // dead prerendered HTML (the snapshot is in memory, so there is nothing slow to hide).
    private static readonly IComponentRenderMode Interactive = new InteractiveServerRenderMode(prerender: false);

    // The login page needs HttpContext to set the auth cookie, so it stays static server-rendered;
    // every other page runs interactively on the server.
    private IComponentRenderMode? PageRenderMode =>
        HttpContext.AcceptsInteractiveRouting() ? Interactive : null;
}
