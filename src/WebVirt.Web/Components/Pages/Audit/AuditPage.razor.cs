using Microsoft.AspNetCore.Components;
using WebVirt.Web.Audit;
using WebVirt.Web.Data;

namespace WebVirt.Web.Components.Pages;

/// <summary>The newest audit entries, newest first.</summary>
public partial class AuditPage
{
    private const int MaxEntries = 1000;

    private IReadOnlyList<AuditEntry> _entries = [];
    private bool _loading;

    [Inject]
    private AuditLog Audit { get; set; } = default!;

    protected override Task OnInitializedAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        _loading = true;
        try
        {
            _entries = await Audit.NewestAsync(MaxEntries);
        }
        finally
        {
            _loading = false;
        }
    }
}
