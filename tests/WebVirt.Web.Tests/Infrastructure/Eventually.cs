namespace WebVirt.Web.Tests.Infrastructure;

/// <summary>
/// Waits for what another thread makes true (a SignalR push, a reconnect, a render), looking every 25 ms.
/// A condition still false after the test's patience ends the wait with a <see cref="TaskCanceledException"/>,
/// which fails the test.
/// </summary>
internal static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition, TimeSpan patience)
    {
        using var timeout = new CancellationTokenSource(patience);
        while (!condition())
        {
            await Task.Delay(25, timeout.Token);
        }
    }

    /// <summary>The same for what has to be read to be known (a database row, the audit log).</summary>
    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan patience)
    {
        using var timeout = new CancellationTokenSource(patience);
        while (!await condition())
        {
            await Task.Delay(25, timeout.Token);
        }
    }
}
