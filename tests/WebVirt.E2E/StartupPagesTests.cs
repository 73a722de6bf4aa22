using System.Globalization;
using System.Text.RegularExpressions;
using WebVirt.E2E.Infrastructure;
using WebVirt.Testing;

namespace WebVirt.E2E;

/// <summary>
/// The console's web and agent give back the pages they touched only while starting, 30 s after
/// their start (the default), without a refusal; the browser tests that run after that run on pages
/// mapped back.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed partial class StartupPagesTests(E2EFixture fixture)
{
    [Fact]
    public async Task The_web_and_the_agent_give_back_their_start_up_pages()
    {
        foreach (AppProcess process in new[] { fixture.Stack.Web, fixture.Stack.Agent })
        {
            string log = await process.WaitForLogAsync("Start-up over", TimeSpan.FromMinutes(2));
            Match given = GivenBack().Match(log);
            Assert.True(given.Success, $"no start-up page-out logged in {process.LogPath}");
            Assert.True(long.Parse(given.Groups["mib"].Value, CultureInfo.InvariantCulture) > 0, given.Value);
            Assert.Equal("0", given.Groups["refused"].Value);
        }
    }

    [GeneratedRegex(@"Start-up over: gave back the pages of (?<mib>\d+) MiB of read-only file mappings \((?<refused>\d+) refused\)")]
    private static partial Regex GivenBack();
}
