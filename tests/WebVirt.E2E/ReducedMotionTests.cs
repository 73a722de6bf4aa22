using System.Globalization;
using Microsoft.Playwright;
using WebVirt.E2E.Infrastructure;

namespace WebVirt.E2E;

/// <summary>
/// Whoever asks their system for reduced motion gets a console without animations: MudBlazor's
/// spinner, which turns for as long as a task runs, stands still for them and turns for everyone else.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed class ReducedMotionTests(E2EFixture fixture)
{
    // MudBlazor's own markup of an indeterminate spinner (MudProgressCircular Indeterminate="true").
    private const string ShowSpinner = """
        () => {
            const spinner = document.createElement('div');
            spinner.className = 'mud-progress-circular mud-default-text mud-progress-medium mud-progress-indeterminate';
            document.body.appendChild(spinner);
            const style = getComputedStyle(spinner);
            return [style.animationName, style.animationDuration, style.animationIterationCount];
        }
        """;

    [Fact]
    public async Task The_spinner_stands_still_only_for_whoever_asks_for_reduced_motion()
    {
        var reduced = await PageAsync(ReducedMotion.Reduce);
        var moving = await PageAsync(ReducedMotion.NoPreference);

        var still = await SpinnerAnimationAsync(reduced);
        var turning = await SpinnerAnimationAsync(moving);

        Assert.Equal("mud-progress-circular-keyframes-circular-rotate", turning[0]);
        Assert.Equal(("1.4s", "infinite"), (turning[1], turning[2]));
        Assert.Equal(turning[0], still[0]);
        Assert.True(Seconds(still[1]) < 0.001, $"the spinner still turns for {still[1]}");
        Assert.Equal("1", still[2]);
        await reduced.Context.CloseAsync();
        await moving.Context.CloseAsync();
    }

    private async Task<IPage> PageAsync(ReducedMotion motion) =>
        await (await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.Stack.WebUrl, ReducedMotion = motion })).NewPageAsync();

    private static async Task<string[]> SpinnerAnimationAsync(IPage page)
    {
        await page.GotoAsync("/login");
        return await page.EvaluateAsync<string[]>(ShowSpinner);
    }

    private static double Seconds(string cssTime) =>
        double.Parse(cssTime.TrimEnd('s'), NumberStyles.Float, CultureInfo.InvariantCulture);
}
