using Microsoft.AspNetCore.Components;
using WebVirt.Contracts;

namespace WebVirt.Web.Components.Dashboard;

public partial class GuestStateChip
{
    [Parameter, EditorRequired]
    public GuestState State { get; set; }

    [Parameter, EditorRequired]
    public string GuestName { get; set; } = "";
}
