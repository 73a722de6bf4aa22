using Microsoft.AspNetCore.Components;

namespace WebVirt.Web.Components.Shared;

/// <summary>A failed command in a snackbar: what failed, what libvirt said, what the user can do.</summary>
public partial class ActionMessage
{
    [Parameter]
    public string Title { get; set; } = "";

    [Parameter]
    public string? Detail { get; set; }

    [Parameter]
    public string? Hint { get; set; }
}
