using Microsoft.AspNetCore.Components;

namespace WebVirt.Web.Components.Pages;

/// <summary>
/// The cloud image source's form: copy or linked overlay, user, password, SSH keys, host name,
/// DHCP or static address, packages and the expert user-data. It edits <see cref="Form"/> in place;
/// the wizard owns the problems and passes how to look them up.
/// </summary>
public partial class CloudInitPanel
{
    [Parameter, EditorRequired]
    public CloudInitForm Form { get; set; } = default!;

    /// <summary>The guest's name, the host name when none is typed.</summary>
    [Parameter]
    public string? GuestName { get; set; }

    [Parameter, EditorRequired]
    public Func<string, bool> HasProblem { get; set; } = default!;

    [Parameter, EditorRequired]
    public Func<string, string?> ProblemFor { get; set; } = default!;

    /// <summary>Called with a field's name when the user changes it, so its old problem goes.</summary>
    [Parameter, EditorRequired]
    public Action<string> Edited { get; set; } = default!;
}
