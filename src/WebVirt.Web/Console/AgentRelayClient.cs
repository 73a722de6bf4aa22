using System.Net.Http.Headers;
using System.Net.WebSockets;
using WebVirt.Contracts;
using WebVirt.Web.Agents;
using WebVirt.Web.Configuration;

namespace WebVirt.Web.Console;

/// <summary>Talks to an agent's console relay with that agent's token, which never leaves the server.</summary>
public sealed class AgentRelayClient(AgentDirectory directory, IHttpClientFactory http, ConsoleHandoffClient handoff)
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

    /// <summary>
    /// Opens a guest's VNC connection: handed over by the agent of this machine when it has a hand-off socket,
    /// otherwise the agent's VNC relay, an HTTP/1.1 request upgraded to a raw byte stream, over the same pinned
    /// TLS and with the same token as every other call to the agent.
    /// </summary>
    public async Task<AgentVncStream> OpenVncAsync(string hostId, string uuid, CancellationToken cancellationToken)
    {
        var agent = Find(hostId) ?? throw new InvalidOperationException($"No agent is configured for host '{hostId}'.");
        if (await handoff.TryOpenAsync(agent, uuid, cancellationToken) is { } handed)
        {
            return handed;
        }

        var client = http.CreateClient(HttpClientName);
        HttpResponseMessage? response = null;
        AgentVncStream? opened = null;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, agent.Url.TrimEnd('/') + ConsoleRelay.VncRelayPath(Uri.EscapeDataString(uuid)))
            {
                Version = System.Net.HttpVersion.Version11,
                VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", agent.Token);
            request.Headers.Connection.Add("Upgrade");
            request.Headers.Upgrade.Add(new ProductHeaderValue(ConsoleRelay.VncStreamProtocol));
            response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (response.StatusCode == System.Net.HttpStatusCode.SwitchingProtocols)
            {
                // After a 101 the response's content is the connection itself, readable and writable.
                opened = AgentVncStream.Opened(client, response, await response.Content.ReadAsStreamAsync(cancellationToken));
                return opened;
            }

            if (response.Headers.TryGetValues(ConsoleRelay.CloseCodeHeader, out var codes)
                && int.TryParse(codes.FirstOrDefault(), System.Globalization.CultureInfo.InvariantCulture, out var code) && code is >= 4000 and <= 4999)
            {
                // A WebSocket close reason holds at most 123 bytes; the agent's reasons are short English.
                var reason = await response.Content.ReadAsStringAsync(cancellationToken);
                return AgentVncStream.Refused(code, reason.Length > 120 ? reason[..120] : reason);
            }

            throw new HttpRequestException($"The agent answered the VNC relay with {(int)response.StatusCode}.", null, response.StatusCode);
        }
        finally
        {
            if (opened is null)
            {
                response?.Dispose();
                client.Dispose();
            }
        }
    }

    /// <summary>Opens the agent's serial console relay of a guest.</summary>
    public async Task<ClientWebSocket> ConnectSerialAsync(string hostId, string uuid, CancellationToken cancellationToken)
    {
        var agent = Find(hostId) ?? throw new InvalidOperationException($"No agent is configured for host '{hostId}'.");
        var url = new UriBuilder(agent.Url.TrimEnd('/') + ConsoleRelay.SerialRelayPath(Uri.EscapeDataString(uuid)));
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
