using Microsoft.AspNetCore.Components;
using WebVirt.Contracts;

namespace WebVirt.Web.Components.Shared;

/// <summary>Live, last hour, day or week: the reach of the usage graphs next to it.</summary>
public partial class UsageRangeSelector
{
    [Parameter]
    public UsageRange Value { get; set; }

    [Parameter]
    public EventCallback<UsageRange> ValueChanged { get; set; }
}
