namespace WebVirt.Agent.Storage;

/// <summary>
/// How long and how far the agent goes for an image or a sums file. A mirror that does not connect
/// within <see cref="Connect"/> or answer within <see cref="Headers"/> is reported at once (the web's
/// call waits for that answer); once the body flows, only a stall of <see cref="Idle"/> ends it, so a
/// slow but moving multi-GiB download finishes however long it takes. Redirects are followed
/// <see cref="MaxRedirects"/> deep (mirrors redirect once or twice), and .NET never follows https to
/// http, which would let a network attacker swap the image behind an https URL.
/// </summary>
internal static class DownloadLimits
{
    public static readonly TimeSpan Connect = TimeSpan.FromSeconds(15);

    public static readonly TimeSpan Headers = TimeSpan.FromSeconds(30);

    public static readonly TimeSpan Idle = TimeSpan.FromSeconds(60);

    public const int MaxRedirects = 5;

    /// <summary>Sums files list a few dozen images; anything larger is not one.</summary>
    public const int MaxSumsFileBytes = 1024 * 1024;

    public static SocketsHttpHandler Handler() => new()
    {
        ConnectTimeout = Connect,
        AllowAutoRedirect = true,
        MaxAutomaticRedirections = MaxRedirects,
        // The sum is of the file as served; a transparently decompressed body would never match it.
        AutomaticDecompression = System.Net.DecompressionMethods.None,
        UseCookies = false,
        UseProxy = true,
    };
}
