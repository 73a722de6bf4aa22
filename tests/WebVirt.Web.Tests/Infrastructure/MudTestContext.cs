using System.Globalization;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace WebVirt.Web.Tests.Infrastructure;

/// <summary>
/// A bUnit context for a MudBlazor component rendered on its own, in English unless a test says otherwise:
/// the text catalogue, MudBlazor's services without the popover provider (no layout around the component)
/// and loose JS interop. MudBlazor registers services that only dispose asynchronously, hence IAsyncLifetime.
/// </summary>
public abstract class MudTestContext : BunitContext, IAsyncLifetime
{
    protected MudTestContext()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
        Services.AddLocalization();
        Services.AddMudServices(options => options.PopoverOptions.CheckForPopoverProvider = false);
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    Task IAsyncLifetime.DisposeAsync() => this.DisposeOnDispatcherAsync();
}
