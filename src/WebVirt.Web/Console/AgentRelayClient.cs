using System.Net.Http.Headers;
using System.Net.WebSockets;
using WebVirt.Contracts;
using WebVirt.Web.Agents;
using WebVirt.Web.Configuration;

namespace WebVirt.Web.Console;

/// <summary>Talks to an agent's console relay with that agent's token, which never leaves the server.</summary>
public sealed class AgentRelayClient(AgentDirectory directory, IHttpClientFactory http)
{
    public const string HttpClientName = "agent-relay";

    public bool IsKnownHost(string hostId) => Find(hostId) is not null;

    public async Task<VncConsoleInfo?> GetVncInfoAsync(string hostId, string uuid, CancellationToken cancellationToken)
    {
        var agent = Find(hostId) ?? throw new InvalidOperationException($"No agent is configured for host '{hostId}'.");
        using var client = http.CreateClient(HttpClientName);
        using var request = new HttpRequestMessage(HttpMethod.Get, agent.Url.TrimEnd('/') + ConsoleRelay.VncInfoPath(Uri.EscapeDataString(uuid)));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", agent.Token);
        using var response = await client.SendAsync(request, cancellationToken);
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<VncConsoleInfo>(cancellationToken);
    }

    /// <summary>Opens the agent's relay of one console kind ("vnc" or "serial") of a guest.</summary>
    public async Task<ClientWebSocket> ConnectAsync(string hostId, string uuid, string kind, CancellationToken cancellationToken)
    {
        var agent = Find(hostId) ?? throw new InvalidOperationException($"No agent is configured for host '{hostId}'.");
        var escaped = Uri.EscapeDataString(uuid);
        var path = kind == ConsoleEndpoints.Serial ? ConsoleRelay.SerialRelayPath(escaped) : ConsoleRelay.VncRelayPath(escaped);
        var url = new UriBuilder(agent.Url.TrimEnd('/') + path);
        url.Scheme = url.Scheme == Uri.UriSchemeHttps ? "wss" : "ws";
        var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Authorization", "Bearer " + agent.Token);
        socket.Options.KeepAliveInterval = TimeSpan.FromSeconds(30);
        AgentTls.Apply(socket.Options, agent);
        try
        {
            await socket.ConnectAsync(url.Uri, cancellationToken);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private AgentOptions? Find(string hostId) =>
        directory.Find(hostId) is { } agent && Uri.TryCreate(agent.Url, UriKind.Absolute, out _) ? agent : null;
}
