using System.Net;
using System.Text;

namespace WebVirt.Testing;

/// <summary>
/// A loopback HTTP server standing in for a distribution mirror or download site: serves files by
/// path (a stream that throws IOException breaks the connection off midway) and answers 404 for
/// everything else, counting the requests it saw.
/// </summary>
public sealed class InstallTreeServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Dictionary<string, Func<Stream>> _files;
    private readonly Task _serving;

    // Ends a response still being sent when the test is done: a client that stopped reading (a
    // cancelled download) does not always reset the connection, and a trickling file would
    // otherwise keep the test waiting until the whole of it was written.
    private readonly CancellationTokenSource _stopping = new();

    public InstallTreeServer(Dictionary<string, Func<Stream>> files)
    {
        _files = files;
        Port = FreePort.Next();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _serving = ServeAsync();
    }

    public int Port { get; }

    /// <summary>A Fedora-style tree under <paramref name="root"/> (".treeinfo" + images/pxeboot) whose installer is the test guest's kernel and initrd.</summary>
    public static Dictionary<string, Func<Stream>> TestGuestTree(string root) => new()
    {
        [root + ".treeinfo"] = () => new MemoryStream(Encoding.UTF8.GetBytes(
            "[header]\ntype = productmd.treeinfo\nversion = 1.2\n\n[release]\nname = Fedora\n\n[tree]\narch = x86_64\n\n"
            + "[images-x86_64]\nkernel = images/pxeboot/vmlinuz\ninitrd = images/pxeboot/initrd.img\n")),
        [root + "images/pxeboot/vmlinuz"] = () => File.OpenRead(Path.Combine(TestGuestImages.OutputDirectory, TestGuestImages.Kernel)),
        [root + "images/pxeboot/initrd.img"] = () => File.OpenRead(Path.Combine(TestGuestImages.OutputDirectory, TestGuestImages.Initrd)),
    };

    public List<string> Requests { get; } = [];

    public string Url(string path) => $"http://127.0.0.1:{Port}/{path}";

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        _listener.Close();
        try
        {
            await _serving;
        }
        catch (HttpListenerException)
        {
        }
        catch (ObjectDisposedException)
        {
        }

        _stopping.Dispose();
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            string path = context.Request.Url!.AbsolutePath.TrimStart('/');
            lock (Requests)
            {
                Requests.Add(path);
            }

            try
            {
                if (_files.TryGetValue(path, out var open))
                {
                    await using var content = open();
                    context.Response.ContentLength64 = content.Length;
                    await content.CopyToAsync(context.Response.OutputStream, _stopping.Token);
                }
                else
                {
                    context.Response.StatusCode = 404;
                }
            }
            catch (HttpListenerException)
            {
                // The agent stopped reading (it only wanted the headers).
            }
            catch (OperationCanceledException)
            {
                context.Response.Abort();
                return;
            }
            catch (IOException)
            {
                // A file that breaks off midway: the client sees the connection drop before the promised length.
                context.Response.Abort();
                continue;
            }
            finally
            {
                context.Response.Close();
            }
        }
    }
}
