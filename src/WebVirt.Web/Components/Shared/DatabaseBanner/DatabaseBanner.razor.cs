using WebVirt.Web.Data;
using Microsoft.AspNetCore.Components;

namespace WebVirt.Web.Components.Shared;

/// <summary>
/// Above every page while the console's database does not answer: what is wrong, since when, and
/// that it retries by itself. It goes away on its own the moment the database is back.
/// </summary>
public sealed partial class DatabaseBanner : IDisposable
{
    [Inject]
    private DatabaseHealth Database { get; set; } = default!;

    private IDisposable? _subscription;

    public void Dispose() => _subscription?.Dispose();

    protected override void OnInitialized() => _subscription = Database.Subscribe(up => _ = InvokeAsync(StateHasChanged));
}
