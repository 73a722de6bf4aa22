using WebVirt.Web.Data;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using WebVirt.Web.Agents;

namespace WebVirt.Web.Tests.Faults;

/// <summary>
/// What counts as the database being away (shown as an outage, retried) rather than a bug, and how
/// soon an agent is tried again: at once and then every quarter second on this machine, backing
/// off to five seconds for a remote host.
/// </summary>
public sealed class FaultClassificationTests
{
    [Fact]
    public void A_refused_connection_a_server_shutdown_and_a_wrapped_one_are_an_outage()
    {
        Assert.True(DatabaseFaults.IsUnreachable(new NpgsqlException("Failed to connect", new SocketException((int)SocketError.ConnectionRefused))));
        Assert.True(DatabaseFaults.IsUnreachable(new PostgresException("terminating connection due to administrator command", "FATAL", "FATAL", "57P01")));
        Assert.True(DatabaseFaults.IsUnreachable(new PostgresException("the database system is starting up", "FATAL", "FATAL", "57P03")));
        Assert.True(DatabaseFaults.IsUnreachable(new DbUpdateException("save failed", new NpgsqlException("Exception while reading from stream", new IOException("EOF")))));
        Assert.True(DatabaseFaults.IsUnreachable(new InvalidOperationException("outer", new SocketException((int)SocketError.ConnectionReset))));
    }

    [Fact]
    public void Bad_data_and_bugs_are_not_an_outage()
    {
        Assert.False(DatabaseFaults.IsUnreachable(new PostgresException("duplicate key value violates unique constraint", "ERROR", "ERROR", "23505")));
        Assert.False(DatabaseFaults.IsUnreachable(new InvalidOperationException("Sequence contains no elements")));
        Assert.False(DatabaseFaults.IsUnreachable(null));
    }

    [Theory]
    [InlineData("http://127.0.0.1:9091", true)]
    [InlineData("http://localhost:9091/", true)]
    [InlineData("http://[::1]:9091", true)]
    [InlineData("https://host2.example.org:9091", false)]
    [InlineData("http://192.0.2.10:9091", false)]
    [InlineData("not a url", false)]
    public void An_agent_on_this_machine_is_local(string url, bool local) => Assert.Equal(local, ForeverRetryPolicy.IsLocal(url));

    [Fact]
    public void A_local_agent_is_retried_at_once_then_every_quarter_second_and_a_remote_one_backs_off_to_five_seconds()
    {
        var local = ForeverRetryPolicy.For("http://127.0.0.1:9091");
        Assert.Equal([TimeSpan.Zero, TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(250)], [local.DelayFor(0), local.DelayFor(1), local.DelayFor(1000)]);
        var remote = ForeverRetryPolicy.For("https://host2.example.org:9091");
        Assert.Equal(TimeSpan.Zero, remote.DelayFor(0));
        Assert.True(remote.DelayFor(3) < remote.DelayFor(5));
        Assert.Equal(TimeSpan.FromSeconds(5), remote.DelayFor(1000));
    }

    [Fact]
    public void Presence_says_which_host_is_away_since_when_and_compares_by_content()
    {
        var since = new DateTimeOffset(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);
        var away = new AgentPresence([KeyValuePair.Create("h1", since)]);
        Assert.Equal(since, away.AwaySince("h1"));
        Assert.Null(away.AwaySince("h2"));
        Assert.False(away.IsAway(null));
        Assert.True(away.SameAs(new AgentPresence([KeyValuePair.Create("h1", since)])));
        Assert.False(away.SameAs(AgentPresence.AllPresent));
        Assert.False(away.SameAs(new AgentPresence([KeyValuePair.Create("h1", since.AddSeconds(1))])));
    }
}
