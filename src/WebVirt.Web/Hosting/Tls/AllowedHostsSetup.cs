using Microsoft.AspNetCore.HostFiltering;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace WebVirt.Web.Hosting.Tls;

/// <summary>
/// Host headers the console answers: the names and addresses in its certificate plus
/// WebVirt:AllowedHosts; any other gets 400 (a DNS-rebinding page cannot talk to it).
/// Follows the host when its addresses change.
/// </summary>
internal sealed class AllowedHostsSetup(ServerCertificateStore store, IOptions<EdgeOptions> edge)
    : IConfigureOptions<HostFilteringOptions>, IOptionsChangeTokenSource<HostFilteringOptions>
{
    // Before the first look at the host (never in a started console): loopback only.
    private static readonly string[] Loopback = ["localhost", "127.0.0.1", "[::1]"];

    public string Name => Options.DefaultName;

    public void Configure(HostFilteringOptions options)
    {
        var own = store.Identity?.HostHeaderValues() ?? Loopback;
        options.AllowedHosts = [.. own.Concat(edge.Value.AllowedHosts.Where(h => !string.IsNullOrWhiteSpace(h)).Select(h => h.Trim())).Distinct(StringComparer.OrdinalIgnoreCase)];
    }

    public IChangeToken GetChangeToken() => store.IdentityChangeToken;
}
