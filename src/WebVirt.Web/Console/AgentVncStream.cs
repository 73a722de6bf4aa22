namespace WebVirt.Web.Console;

/// <summary>
/// The agent's answer to opening a guest's VNC relay: the upgraded connection (or the VNC connection itself,
/// handed over), or the close code and reason the browser is to be told. The HTTP client and response live as
/// long as the stream.
/// </summary>
public sealed class AgentVncStream : IAsyncDisposable
{
    private readonly HttpClient? _client;
    private readonly HttpResponseMessage? _response;

    private AgentVncStream(HttpClient? client, HttpResponseMessage? response, Stream? stream, int closeCode, string reason)
    {
        _client = client;
        _response = response;
        Stream = stream;
        CloseCode = closeCode;
        Reason = reason;
    }

    /// <summary>The guest's VNC bytes both ways; null when the agent refused.</summary>
    public Stream? Stream { get; }

    public int CloseCode { get; }

    public string Reason { get; }

    public static AgentVncStream Opened(HttpClient client, HttpResponseMessage response, Stream stream) => new(client, response, stream, 0, "");

    /// <summary>The guest's VNC connection itself, handed over by the agent of this machine.</summary>
    public static AgentVncStream HandedOver(System.Net.Sockets.Socket vnc) => new(null, null, new System.Net.Sockets.NetworkStream(vnc, ownsSocket: true), 0, "");

    public static AgentVncStream Refused(int closeCode, string reason) => new(null, null, null, closeCode, reason);

    public async ValueTask DisposeAsync()
    {
        if (Stream is not null)
        {
            await Stream.DisposeAsync();
        }

        _response?.Dispose();
        _client?.Dispose();
    }
}
