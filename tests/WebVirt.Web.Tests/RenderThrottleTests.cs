using System.Globalization;
using WebVirt.Web.Components.Shared;

namespace WebVirt.Web.Tests;

public sealed class RenderThrottleTests
{
    [Fact]
    public async Task ABurstOfRequestsBecomesAFewRenders()
    {
        var interval = TimeSpan.FromMilliseconds(100);
        var renders = 0;
        using var throttle = new RenderThrottle(interval, () =>
        {
            Interlocked.Increment(ref renders);
            return Task.CompletedTask;
        });

        var burst = System.Diagnostics.Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 2500; i++)
            {
                throttle.Request();
            }
        })));
        burst.Stop();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (Volatile.Read(ref renders) == 0)
        {
            await Task.Delay(10, timeout.Token);
        }

        // At most one render per interval while the burst lasted, plus the one after it.
        Assert.InRange(Volatile.Read(ref renders), 1, (int)(burst.Elapsed / interval) + 2);
    }

    [Fact]
    public async Task RequestAfterARenderIsRenderedToo()
    {
        using var rendered = new SemaphoreSlim(0);
        using var throttle = new RenderThrottle(TimeSpan.FromMilliseconds(20), () =>
        {
            rendered.Release();
            return Task.CompletedTask;
        });

        throttle.Request();
        Assert.True(await rendered.WaitAsync(TimeSpan.FromSeconds(10)));
        throttle.Request();
        Assert.True(await rendered.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task RendersInTheCultureOfItsCreatorWhateverThreadAsks()
    {
        var rendered = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-Hans");
        using var throttle = new RenderThrottle(TimeSpan.FromMilliseconds(10), () =>
        {
            rendered.TrySetResult(CultureInfo.CurrentUICulture.Name);
            return Task.CompletedTask;
        });

        var thread = new Thread(() =>
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
            throttle.Request();
        });
        thread.Start();
        thread.Join();

        Assert.Equal("zh-Hans", await rendered.Task.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task NothingRendersAfterDispose()
    {
        var renders = 0;
        var throttle = new RenderThrottle(TimeSpan.FromMilliseconds(50), () =>
        {
            Interlocked.Increment(ref renders);
            return Task.CompletedTask;
        });

        throttle.Request();
        throttle.Dispose();
        await Task.Delay(200);

        Assert.Equal(0, Volatile.Read(ref renders));
    }
}
