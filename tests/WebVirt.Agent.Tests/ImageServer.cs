using System.Net;
using WebVirt.Testing;

namespace WebVirt.Agent.Tests;

/// <summary>
/// A loopback HTTP server for image downloads: each path has its own handler (a file with or without
/// Content-Length, a trickle, a redirect), everything else is 404. Requests are served concurrently,
/// so a trickling download does not hold up the sums file.
/// </summary>
internal sealed class ImageServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Dictionary<string, Func<HttpListenerContext, Task>> _handlers;
    private readonly Task _serving;

    public ImageServer(Dictionary<string, Func<HttpListenerContext, Task>> handlers)
    {
        _handlers = handlers;
        Port = FreePort.Next();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _serving = ServeAsync();
    }

    public int Port { get; }

    public string Url(string path) => $"http://127.0.0.1:{Port}/{path}";

    /// <summary>The bytes, with Content-Length, or chunked without it.</summary>
    public static Func<HttpListenerContext, Task> File(byte[] content, bool sayLength = true) => async context =>
    {
        if (sayLength)
        {
            context.Response.ContentLength64 = content.Length;
        }
        else
        {
            context.Response.SendChunked = true;
        }

        await context.Response.OutputStream.WriteAsync(content);
    };

    /// <summary>Says <paramref name="length"/> bytes, then sends 64 KiB every 100 ms until the client goes away.</summary>
    public static Func<HttpListenerContext, Task> Trickle(long length) => async context =>
    {
        context.Response.ContentLength64 = length;
        byte[] chunk = new byte[64 * 1024];
        for (long sent = 0; sent + chunk.Length < length; sent += chunk.Length)
        {
            await context.Response.OutputStream.WriteAsync(chunk);
            await context.Response.OutputStream.FlushAsync();
            await Task.Delay(100);
        }
    };

    public static Func<HttpListenerContext, Task> Redirect(string location) => context =>
    {
        context.Response.StatusCode = 302;
        context.Response.RedirectLocation = location;
        return Task.CompletedTask;
    };

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _serving;
    }

    private async Task ServeAsync()
    {
        var running = new List<Task>();
        while (_listener.IsListening)
        {
            try
            {
                var context = await _listener.GetContextAsync();
                running.Add(Task.Run(() => AnswerAsync(context)));
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                break;
            }
        }

        await Task.WhenAll(running);
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        try
        {
            if (_handlers.TryGetValue(context.Request.Url!.AbsolutePath.TrimStart('/'), out var handler))
            {
                await handler(context);
            }
            else
            {
                context.Response.StatusCode = 404;
            }

            context.Response.Close();
        }
        catch (Exception ex) when (ex is HttpListenerException or IOException or ObjectDisposedException or InvalidOperationException)
        {
            // The agent stopped reading (a cancel, a refusal after the first bytes).
            context.Response.Abort();
        }
    }
}
