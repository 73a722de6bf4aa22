using System.Runtime.CompilerServices;
using Bunit;

namespace WebVirt.Web.Tests.Infrastructure;

/// <summary>
/// bUnit waits one second by default for a render to pass an assertion. A timer a component keeps (a
/// filter's 150 ms debounce, a render throttle) plus the renders behind it can take longer on a loaded
/// machine (seen in CI, with other test projects running beside), so every wait here allows ten; a wait
/// that passes still returns at the first render that satisfies it.
/// </summary>
internal static class BunitWaits
{
    [ModuleInitializer]
    internal static void AllowForLoad() => BunitContext.DefaultWaitTimeout = TimeSpan.FromSeconds(10);
}
