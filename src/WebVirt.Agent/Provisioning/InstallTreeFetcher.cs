using System.Diagnostics;
using System.Net;
using WebVirt.Domain.InstallTrees;

namespace WebVirt.Agent.Provisioning;

/// <summary>
/// Finds and downloads a network install tree's installer kernel and initrd, as virt-install
/// --location does: http and https through HttpClient, ftp through curl (which the host setup
/// installs), since .NET has no supported FTP client.
/// </summary>
internal sealed partial class InstallTreeFetcher(IHttpClientFactory httpClients, ILogger<InstallTreeFetcher> logger)
{
    public const string HttpClientName = "install-tree";

    /// <summary>Installer initrds are tens to a few hundred MiB; a bigger answer is not an installer.</summary>
    internal const long MaxImageBytes = 2L * 1024 * 1024 * 1024;

    private const int MaxTreeInfoBytes = 256 * 1024;
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(20);

    /// <summary>
    /// The images of the tree at <paramref name="typed"/> or, when the user typed a mirror's root,
    /// of the tree <paramref name="mirrorSuffix"/> (from osinfo-db, see <see cref="MirrorRoots"/>)
    /// under it; with the tree they are in. When none has images: the paths tried, relative to what
    /// was typed. Throws <see cref="InstallTreeException"/> when the tree cannot be read at all.
    /// </summary>
    public async Task<(InstallTreeImages? Images, IReadOnlyList<string> Tried, Uri Tree)> FindImagesAsync(Uri typed, string? mirrorSuffix, CancellationToken ct)
    {
        var candidates = MirrorRoots.Candidates(typed, mirrorSuffix);
        var tried = new List<string>();
        foreach (Uri tree in candidates)
        {
            string under = tree.AbsolutePath[candidates[0].AbsolutePath.Length..];
            if (await FindInTreeAsync(tree, under, tried, ct) is { } images)
            {
                return (images, tried, tree);
            }
        }

        return (null, tried, candidates[0]);
    }

    private async Task<InstallTreeImages?> FindInTreeAsync(Uri tree, string under, List<string> tried, CancellationToken ct)
    {
        Uri root = TreeRoot(tree);
        tried.Add(under + InstallTreeLayouts.TreeInfoName);
        string? treeInfo = await ReadSmallAsync(new Uri(root, InstallTreeLayouts.TreeInfoName), ct);
        if (treeInfo is not null && InstallTreeLayouts.FromTreeInfo(treeInfo) is { } named
            && await ExistsAsync(new Uri(root, named.KernelPath), ct) && await ExistsAsync(new Uri(root, named.InitrdPath), ct))
        {
            return named;
        }

        foreach (var layout in InstallTreeLayouts.Known)
        {
            tried.Add(under + layout.KernelPath);
            if (await ExistsAsync(new Uri(root, layout.KernelPath), ct) && await ExistsAsync(new Uri(root, layout.InitrdPath), ct))
            {
                return layout;
            }
        }

        return null;
    }

    /// <summary>Downloads <paramref name="relativePath"/> of the tree to <paramref name="path"/> (written under a temporary name, then renamed).</summary>
    public async Task DownloadAsync(Uri tree, string relativePath, string path, Func<long, Task> progress, CancellationToken ct)
    {
        Uri url = new(TreeRoot(tree), relativePath);
        string partial = path + ".part";
        try
        {
            if (IsFtp(url))
            {
                await RunCurlAsync(["--max-filesize", MaxImageBytes.ToString(System.Globalization.CultureInfo.InvariantCulture), "-o", partial, url.AbsoluteUri], ct);
                await progress(new FileInfo(partial).Length);
            }
            else
            {
                await DownloadHttpAsync(url, partial, progress, ct);
            }

            File.SetUnixFileMode(partial, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            File.Move(partial, path, overwrite: true);
            Log.Downloaded(logger, url.AbsoluteUri, path, new FileInfo(path).Length);
        }
        finally
        {
            File.Delete(partial);
        }
    }

    private static Uri TreeRoot(Uri tree) =>
        tree.AbsolutePath.EndsWith('/') ? tree : new UriBuilder(tree) { Path = tree.AbsolutePath + "/" }.Uri;

    private static bool IsFtp(Uri url) => url.Scheme.Equals("ftp", StringComparison.OrdinalIgnoreCase);

    private async Task DownloadHttpAsync(Uri url, string path, Func<long, Task> progress, CancellationToken ct)
    {
        using var response = await httpClients.CreateClient(HttpClientName).GetAsync(url, HttpCompletionOption.ResponseHeadersRead, ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new InstallTreeException($"{url.AbsoluteUri} answered {(int)response.StatusCode} {response.ReasonPhrase}");
        }

        if (response.Content.Headers.ContentLength > MaxImageBytes)
        {
            throw new InstallTreeException($"{url.AbsoluteUri} is larger than an installer image can be ({response.Content.Headers.ContentLength} bytes)");
        }

        await using var source = await response.Content.ReadAsStreamAsync(ct);
        await using var target = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 81920, useAsync: true);
        var buffer = new byte[81920];
        long total = 0;
        long reported = 0;
        int read;
        while ((read = await source.ReadAsync(buffer, ct)) > 0)
        {
            total += read;
            if (total > MaxImageBytes)
            {
                throw new InstallTreeException($"{url.AbsoluteUri} is larger than an installer image can be");
            }

            await target.WriteAsync(buffer.AsMemory(0, read), ct);
            if (total - reported >= 16 * 1024 * 1024)
            {
                reported = total;
                await progress(total);
            }
        }

        await progress(total);
    }

    /// <summary>The file's text, or null when the tree has no such file.</summary>
    private async Task<string?> ReadSmallAsync(Uri url, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(ProbeTimeout);
        if (IsFtp(url))
        {
            var (found, output) = await TryCurlAsync(["--max-filesize", MaxTreeInfoBytes.ToString(System.Globalization.CultureInfo.InvariantCulture), url.AbsoluteUri], timeout.Token);
            return found ? output : null;
        }

        using var response = await SendAsync(url, timeout.Token);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        EnsureReadable(url, response);
        if (response.Content.Headers.ContentLength > MaxTreeInfoBytes)
        {
            return null;
        }

        string text = await response.Content.ReadAsStringAsync(timeout.Token);
        return text.Length > MaxTreeInfoBytes ? null : text;
    }

    private async Task<bool> ExistsAsync(Uri url, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(ProbeTimeout);
        if (IsFtp(url))
        {
            return (await TryCurlAsync(["--head", url.AbsoluteUri], timeout.Token)).Found;
        }

        // GET with headers only: some mirrors refuse HEAD; the body is never read.
        using var response = await SendAsync(url, timeout.Token);
        if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden or HttpStatusCode.Gone)
        {
            return false;
        }

        EnsureReadable(url, response);
        return true;
    }

    private async Task<HttpResponseMessage> SendAsync(Uri url, CancellationToken ct)
    {
        try
        {
            return await httpClients.CreateClient(HttpClientName).GetAsync(url, HttpCompletionOption.ResponseHeadersRead, ct);
        }
        catch (HttpRequestException ex)
        {
            throw new InstallTreeException(ex.Message, ex);
        }
        catch (OperationCanceledException ex) when (!ct.IsCancellationRequested || ex.CancellationToken == ct)
        {
            throw new InstallTreeException($"no answer from {url.Host} within {ProbeTimeout.TotalSeconds:0} s", ex);
        }
    }

    private static void EnsureReadable(Uri url, HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new InstallTreeException($"{url.AbsoluteUri} answered {(int)response.StatusCode} {response.ReasonPhrase}");
        }
    }

    // curl's exit codes for "the server has no such file": 9 (FTP access denied), 19 (RETR failed), 78 (remote file not found).
    private static async Task<(bool Found, string Output)> TryCurlAsync(string[] args, CancellationToken ct)
    {
        var (exit, output, error) = await CurlAsync(args, ct);
        return exit switch
        {
            0 => (true, output),
            9 or 19 or 78 => (false, ""),
            _ => throw new InstallTreeException(error.Trim().Length > 0 ? error.Trim() : $"curl exited with {exit}"),
        };
    }

    private static async Task RunCurlAsync(string[] args, CancellationToken ct)
    {
        var (exit, _, error) = await CurlAsync(args, ct);
        if (exit != 0)
        {
            throw new InstallTreeException(error.Trim().Length > 0 ? error.Trim() : $"curl exited with {exit}");
        }
    }

    private static async Task<(int Exit, string Output, string Error)> CurlAsync(string[] args, CancellationToken ct)
    {
        var start = new ProcessStartInfo("curl") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string arg in (string[])["--fail", "--silent", "--show-error", "--proto", "=ftp", .. args])
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InstallTreeException("curl could not be started");
        try
        {
            var output = process.StandardOutput.ReadToEndAsync(ct);
            var error = process.StandardError.ReadToEndAsync(ct);
            await process.WaitForExitAsync(ct);
            return (process.ExitCode, await output, await error);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 6221, Level = LogLevel.Information, Message = "Downloaded {Url} to {Path} ({Bytes} bytes)")]
        public static partial void Downloaded(ILogger logger, string url, string path, long bytes);
    }
}

/// <summary>An install tree that cannot be read: unreachable, refusing, or answering with something that is not an installer.</summary>
internal sealed class InstallTreeException(string message, Exception? inner = null) : Exception(message, inner);
