using Microsoft.AspNetCore.Components.Server;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WebVirt.Web.Configuration;
using WebVirt.Web.Hosting;

namespace WebVirt.Web.Tests;

/// <summary>Disconnected pages are kept as few and as briefly as configured, not Blazor's 100 for 3 minutes.</summary>
public sealed class CircuitRetentionTests
{
    [Fact]
    public void By_default_20_disconnected_pages_are_kept_for_60_seconds()
    {
        var circuits = CircuitsFor([]);

        Assert.Equal(20, circuits.DisconnectedCircuitMaxRetained);
        Assert.Equal(TimeSpan.FromSeconds(60), circuits.DisconnectedCircuitRetentionPeriod);
    }

    [Fact]
    public void The_webvirt_settings_set_how_many_and_how_long()
    {
        var circuits = CircuitsFor(new()
        {
            ["WebVirt:DisconnectedCircuitMaxRetained"] = "5",
            ["WebVirt:DisconnectedCircuitRetentionSeconds"] = "15",
        });

        Assert.Equal(5, circuits.DisconnectedCircuitMaxRetained);
        Assert.Equal(TimeSpan.FromSeconds(15), circuits.DisconnectedCircuitRetentionPeriod);
    }

    [Fact]
    public void Negative_settings_keep_none_for_the_shortest_time_instead_of_failing_at_start()
    {
        var circuits = CircuitsFor(new()
        {
            ["WebVirt:DisconnectedCircuitMaxRetained"] = "-1",
            ["WebVirt:DisconnectedCircuitRetentionSeconds"] = "-30",
        });

        Assert.Equal(0, circuits.DisconnectedCircuitMaxRetained);
        Assert.Equal(TimeSpan.FromSeconds(1), circuits.DisconnectedCircuitRetentionPeriod);
    }

    private static CircuitOptions CircuitsFor(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.Configure<WebVirtOptions>(configuration.GetSection(WebVirtOptions.Section));
        services.AddWebVirtCircuitRetention();
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<CircuitOptions>>().Value;
    }
}
