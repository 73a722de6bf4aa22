using System.Net;
using Microsoft.AspNetCore.SignalR.Client;

namespace WebVirt.Web.Agents;

/// <summary>
/// Reconnects to an agent for as long as the console runs: hosts reboot and come back. An agent on
/// this machine is tried again every quarter second at most: it restarts in a second or two, and a
/// refused loopback connection costs nothing, so its pages are current again within moments of its
/// return. A remote host backs off to five seconds, so a host that is down for a day costs little.
/// </summary>
public sealed class ForeverRetryPolicy(TimeSpan maxDelay) : IRetryPolicy
{
    private static readonly TimeSpan[] Steps =
        [TimeSpan.Zero, TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4)];

    public static TimeSpan RemoteMaxDelay { get; } = TimeSpan.FromSeconds(5);

    public static TimeSpan LocalMaxDelay { get; } = TimeSpan.FromMilliseconds(250);

    public TimeSpan MaxDelay => maxDelay;

    /// <summary>The policy for an agent at <paramref name="url"/>: capped low when it is on this machine.</summary>
    public static ForeverRetryPolicy For(string? url) =>
        new(IsLocal(url) ? LocalMaxDelay : RemoteMaxDelay);

    public static bool IsLocal(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address)));

    public TimeSpan DelayFor(long attempt)
    {
        var step = attempt < Steps.Length ? Steps[attempt] : maxDelay;
        return step < maxDelay ? step : maxDelay;
    }

    /// <summary>Raised before each reconnect attempt with why the previous one failed, which SignalR does not tell otherwise.</summary>
    public event Action<Exception>? AttemptFailed;

    public TimeSpan? NextRetryDelay(RetryContext retryContext)
    {
        if (retryContext.PreviousRetryCount > 0 && retryContext.RetryReason is { } reason)
        {
            AttemptFailed?.Invoke(reason);
        }

        return DelayFor(retryContext.PreviousRetryCount);
    }
}
