using Bunit;

namespace WebVirt.Web.Tests.Infrastructure;

/// <summary>
/// Disposes a bUnit context on its renderer's dispatcher, as Blazor disposes a circuit. A handler's
/// continuation still arriving there (a panel reporting a change's outcome in a snackbar) then runs
/// before or after the services are disposed, never while MudBlazor's snackbar service empties its
/// list: disposed from the test's thread, that failed with "Collection was modified" (seen in CI,
/// and 211 times in 300 with snackbars added during the disposal).
/// </summary>
internal static class BunitContextDisposal
{
    public static Task DisposeOnDispatcherAsync(this BunitContext context) =>
        context.Renderer.Dispatcher.InvokeAsync(async () => await context.DisposeAsync());
}
