using Bunit;
using Microsoft.Extensions.DependencyInjection;
using WebVirt.Web.Agents;
using WebVirt.Web.Components.Dashboard;
using WebVirt.Web.Tests.Infrastructure;

namespace WebVirt.Web.Tests;

/// <summary>
/// The dashboard renders on every push, nearly always for a guest's figures: a host card renders only when what it
/// shows changed, not each time the page hands it an equal view of an unchanged host.
/// </summary>
public sealed class HostCardRenderTests : MudTestContext
{
    private readonly Contracts.HostInfo _info = HostSamples.Host("h1");

    private HostView View(AgentLinkState link = AgentLinkState.Connected) => new("h1", "h1", link, null, _info);

    [Fact]
    public void An_equal_view_of_an_unchanged_host_does_not_render_the_card()
    {
        var card = Render<HostCard>(parameters => parameters.Add(p => p.Host, View()));
        var renders = card.RenderCount;

        card.Render(parameters => parameters.Add(p => p.Host, View()).Add(p => p.Busy, false));

        Assert.Equal(renders, card.RenderCount);
    }

    [Fact]
    public void A_host_whose_link_changed_or_a_busy_host_renders_the_card()
    {
        var card = Render<HostCard>(parameters => parameters.Add(p => p.Host, View()));
        var renders = card.RenderCount;

        card.Render(parameters => parameters.Add(p => p.Host, View(AgentLinkState.Disconnected)));

        Assert.True(card.RenderCount > renders);
        Assert.Equal("Disconnected", card.Find("[data-testid='host-link-h1']").TextContent.Trim());

        renders = card.RenderCount;
        card.Render(parameters => parameters.Add(p => p.Busy, true));
        Assert.True(card.RenderCount > renders);
    }

    [Fact]
    public void A_host_whose_name_another_shares_is_titled_by_its_own_name_with_its_id_under_it()
    {
        var card = Render<HostCard>(parameters => parameters.Add(p => p.Host, View() with { NameShared = true }));

        Assert.Equal("hv-h1", card.Find("[data-testid='host-name-h1']").TextContent.Trim());
        Assert.Contains("h1", card.Find(".mud-card-header").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("(h1)", card.Markup, StringComparison.Ordinal);
    }
}
