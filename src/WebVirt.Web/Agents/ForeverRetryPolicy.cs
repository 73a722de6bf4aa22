using Microsoft.AspNetCore.SignalR.Client;

namespace WebVirt.Web.Agents;

/// <summary>Reconnects to an agent for as long as the console runs: hosts reboot and come back.</summary>
public sealed class ForeverRetryPolicy : IRetryPolicy
{
    private static readonly TimeSpan[] Steps =
        [TimeSpan.Zero, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4)];

    public static TimeSpan MaxDelay { get; } = TimeSpan.FromSeconds(5);

    public static TimeSpan DelayFor(long attempt) => attempt < Steps.Length ? Steps[attempt] : MaxDelay;

    public TimeSpan? NextRetryDelay(RetryContext retryContext) => DelayFor(retryContext.PreviousRetryCount);
}
