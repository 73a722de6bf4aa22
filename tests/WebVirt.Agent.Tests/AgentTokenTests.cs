using System.Net;

namespace WebVirt.Agent.Tests;

public sealed class AgentTokenTests : IAsyncLifetime
{
    private AgentFactory _agent = null!;

    public async Task InitializeAsync()
    {
        _agent = new AgentFactory("test:///default");
        _ = _agent.Server;
    }

    public async Task DisposeAsync()
    {
        await _agent.DisposeAsync();
    }

    [Fact]
    public async Task A_caller_without_a_token_is_refused()
    {
        await using var connection = _agent.CreateHubConnection(token: null);
        var error = await Assert.ThrowsAsync<HttpRequestException>(() => connection.StartAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
    }

    [Fact]
    public async Task A_caller_with_a_wrong_token_is_refused()
    {
        await using var connection = _agent.CreateHubConnection(AgentFactory.Token + "x");
        var error = await Assert.ThrowsAsync<HttpRequestException>(() => connection.StartAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
    }

    [Fact]
    public async Task A_caller_with_the_token_reads_the_host_and_its_guests()
    {
        await using var connection = _agent.CreateHubConnection(AgentFactory.Token);
        await connection.StartAsync();

        var host = await connection.WaitUntilConnectedAsync(TimeSpan.FromSeconds(20));
        Assert.Equal("test-host", host.HostId);
        Assert.True(host.Cpus > 0);
        Assert.True(host.MemoryTotalKiB > 0);
        Assert.Matches(@"^\d+\.\d+\.\d+$", host.LibvirtVersion);

        var test = await connection.WaitForGuestAsync("test", TimeSpan.FromSeconds(20));
        Assert.Equal("test-host", test.HostId);
        Assert.True(test.VCpus > 0);
        Assert.True(test.MemoryKiB > 0);
    }
}
