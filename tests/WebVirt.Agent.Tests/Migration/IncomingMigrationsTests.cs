using WebVirt.Agent.Migration;
using WebVirt.Contracts;

namespace WebVirt.Agent.Tests.Migration;

/// <summary>The destination's grants: one control stream per token, data streams only while it is open, and an unused grant expires.</summary>
public sealed class IncomingMigrationsTests
{
    private readonly SettableClock _clock = new();

    [Fact]
    public void A_grant_opens_one_control_stream_and_data_streams_only_while_it_is_open()
    {
        var grants = new IncomingMigrations(_clock);
        var grant = Grant(TimeSpan.FromMinutes(10));
        Assert.Null(grants.Allow(grant));

        Assert.Equal(IncomingMigrations.Check.NotOpen, grants.AllowData(grant.GrantId, grant.Token));
        Assert.Equal(IncomingMigrations.Check.Unknown, grants.OpenControl(grant.GrantId, grant.Token + "x").Check);
        var (check, lease) = grants.OpenControl(grant.GrantId, grant.Token);
        Assert.Equal(IncomingMigrations.Check.Valid, check);
        Assert.Equal(IncomingMigrations.Check.Used, grants.OpenControl(grant.GrantId, grant.Token).Check);
        Assert.Equal(IncomingMigrations.Check.Used, grants.Peek(grant.GrantId, grant.Token));

        // In use, the grant outlives its expiry: a long migration is not cut off.
        _clock.Advance(TimeSpan.FromMinutes(30));
        Assert.Equal(IncomingMigrations.Check.Valid, grants.AllowData(grant.GrantId, grant.Token));
        Assert.Equal(IncomingMigrations.Check.Unknown, grants.AllowData(grant.GrantId, "y" + grant.Token[1..]));

        lease!.Dispose();
        Assert.Equal(IncomingMigrations.Check.Unknown, grants.AllowData(grant.GrantId, grant.Token));
        Assert.Equal(IncomingMigrations.Check.Unknown, grants.OpenControl(grant.GrantId, grant.Token).Check);
    }

    [Fact]
    public void An_unused_grant_expires_and_malformed_grants_are_refused_by_field()
    {
        var grants = new IncomingMigrations(_clock);
        var grant = Grant(TimeSpan.FromMinutes(10));
        Assert.Null(grants.Allow(grant));
        _clock.Advance(TimeSpan.FromMinutes(11));
        Assert.Equal(IncomingMigrations.Check.Unknown, grants.Peek(grant.GrantId, grant.Token));
        Assert.Equal(IncomingMigrations.Check.Unknown, grants.OpenControl(grant.GrantId, grant.Token).Check);

        Assert.Equal("GrantId", grants.Allow(grant with { GrantId = "not-a-guid", ExpiresAt = _clock.GetUtcNow().AddMinutes(5) }));
        Assert.Equal("Token", grants.Allow(Grant(TimeSpan.FromMinutes(5)) with { Token = "short" }));
        Assert.Equal("ExpiresAt", grants.Allow(Grant(TimeSpan.FromHours(2))));
        Assert.Equal("ExpiresAt", grants.Allow(Grant(TimeSpan.FromMinutes(-1))));
        var twice = Grant(TimeSpan.FromMinutes(5));
        Assert.Null(grants.Allow(twice));
        Assert.Equal("GrantId", grants.Allow(twice));
    }

    [Theory]
    [InlineData("qemu:///system", "/run/libvirt/libvirt-sock")]
    [InlineData("qemu+unix:///system?socket=/run/wvt-hosts/m/libvirt-sock", "/run/wvt-hosts/m/libvirt-sock")]
    [InlineData("test:///default", null)]
    [InlineData("qemu:///session", null)]
    [InlineData("qemu+ssh://root@elsewhere/system", null)]
    public void The_destination_connects_control_streams_only_to_its_local_system_daemon(string uri, string? socket) =>
        Assert.Equal(socket, LibvirtSocketPath.From(uri));

    private IncomingMigrationGrant Grant(TimeSpan validFor) =>
        new(Guid.NewGuid().ToString("N"), Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)), _clock.GetUtcNow() + validFor);

    private sealed class SettableClock : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 12, 5, 1, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
