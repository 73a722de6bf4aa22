using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WebVirt.Data.Tests.Infrastructure;

namespace WebVirt.Data.Tests;

public sealed class HostTests(MigratedDatabase database) : IClassFixture<MigratedDatabase>
{
    [Fact]
    public async Task EnsureHost_inserts_once_then_refreshes_versions_and_last_seen()
    {
        var clock = new ManualTimeProvider(TestClock.At(0));
        var store = new InventoryStore(database.Services.GetRequiredService<IDbContextFactory<AgentDbContext>>(), clock);
        var hostId = Guests.NewHostId();

        var first = await store.EnsureHostAsync(hostId, "hv1", "10.0.0", "9.2.0", CancellationToken.None);
        clock.Now = TestClock.At(5);
        var second = await store.EnsureHostAsync(hostId, "hv1.example", "11.0.0", "10.0.0", CancellationToken.None);

        Assert.Equal(TestClock.At(0), first.FirstSeenAt);
        Assert.Equal(TestClock.At(0), second.FirstSeenAt);
        Assert.Equal(TestClock.At(5), second.LastSeenAt);
        Assert.False(second.UseEmulation);

        await using var db = await database.Services.GetRequiredService<IDbContextFactory<AgentDbContext>>().CreateDbContextAsync();
        var stored = await db.Hosts.AsNoTracking().SingleAsync(h => h.HostId == hostId);
        Assert.Equal(("hv1.example", "11.0.0", "10.0.0"), (stored.Hostname, stored.LibvirtVersion, stored.HypervisorVersion));
        Assert.Equal(TestClock.At(0), stored.FirstSeenAt);
        Assert.Equal(TestClock.At(5), stored.LastSeenAt);
    }

    [Fact]
    public async Task The_returned_host_carries_the_times_as_stored_not_finer()
    {
        var clock = new ManualTimeProvider(TestClock.At(0).AddTicks(7).ToOffset(TimeSpan.FromHours(-5)));
        var store = new InventoryStore(database.Services.GetRequiredService<IDbContextFactory<AgentDbContext>>(), clock);
        var hostId = Guests.NewHostId();

        var returned = await store.EnsureHostAsync(hostId, "hv", "10.0.0", "9.2.0", CancellationToken.None);

        await using var db = await database.Services.GetRequiredService<IDbContextFactory<AgentDbContext>>().CreateDbContextAsync();
        var stored = await db.Hosts.AsNoTracking().SingleAsync(h => h.HostId == hostId);
        Assert.Equal(stored.FirstSeenAt.UtcTicks, returned.FirstSeenAt.UtcTicks);
        Assert.Equal(stored.LastSeenAt.UtcTicks, returned.LastSeenAt.UtcTicks);
        Assert.Equal(TestClock.At(0), stored.FirstSeenAt);
    }

    [Fact]
    public async Task UseEmulation_round_trips_and_survives_the_agent_restarting()
    {
        var store = database.Store;
        var hostId = Guests.NewHostId();
        await store.EnsureHostAsync(hostId, "hv", "10.0.0", "9.2.0", CancellationToken.None);
        Assert.False(await store.GetUseEmulationAsync(hostId, CancellationToken.None));

        await store.SetUseEmulationAsync(hostId, true, CancellationToken.None);
        Assert.True(await store.GetUseEmulationAsync(hostId, CancellationToken.None));

        var afterRestart = await store.EnsureHostAsync(hostId, "hv", "10.0.0", "9.2.0", CancellationToken.None);
        Assert.True(afterRestart.UseEmulation);
        Assert.True(await store.GetUseEmulationAsync(hostId, CancellationToken.None));

        await store.SetUseEmulationAsync(hostId, false, CancellationToken.None);
        Assert.False(await store.GetUseEmulationAsync(hostId, CancellationToken.None));
    }

    [Fact]
    public async Task The_emulation_flag_of_an_unregistered_host_is_an_error_not_a_default()
    {
        var hostId = Guests.NewHostId();

        await Assert.ThrowsAsync<InvalidOperationException>(() => database.Store.GetUseEmulationAsync(hostId, CancellationToken.None));
        await Assert.ThrowsAsync<InvalidOperationException>(() => database.Store.SetUseEmulationAsync(hostId, true, CancellationToken.None));
    }
}
