namespace WebVirt.Contracts;

/// <summary>Image downloads into a pool: checksums, sums files, redirects, stalls and cancels.</summary>
public static partial class ErrorCodes
{
    /// <summary>{0}: the URL, {1}: where it redirects to (not followed: too many redirects, or https to http).</summary>
    public const string DownloadRedirectRefused = "Download.RedirectRefused";

    /// <summary>{0}: the sums file's URL, {1}: the image's file name it does not list.</summary>
    public const string DownloadSumsFileNoEntry = "Download.SumsFileNoEntry";

    /// <summary>{0}: the sums file's URL, {1}: the most bytes read from a sums file.</summary>
    public const string DownloadSumsFileTooLarge = "Download.SumsFileTooLarge";

    /// <summary>{0}: the algorithm (SHA-256, SHA-512), {1}: the expected sum, {2}: the sum of what arrived. The volume is deleted.</summary>
    public const string DownloadChecksumMismatch = "Download.ChecksumMismatch";

    /// <summary>{0}: the URL, {1}: the seconds without a byte arriving.</summary>
    public const string DownloadIdle = "Download.Idle";

    /// <summary>{0}: the volume. Someone cancelled the download (the task ends cancelled); its log says whether the partial volume went.</summary>
    public const string TaskDownloadCancelled = "Task.DownloadCancelled";

    /// <summary>{0}: the task, which is not running or cannot be cancelled.</summary>
    public const string TaskNotCancellable = "Task.NotCancellable";

    /// <summary>{0}: the URL, {1}: the pool, {2}: the volume; the server did not say the size.</summary>
    public const string TaskDownloadingUnknownSize = "Task.DownloadingUnknownSize";

    /// <summary>{0}: the algorithm, {1}: the sum, which matches the expected one.</summary>
    public const string TaskChecksumVerified = "Task.ChecksumVerified";

    /// <summary>{0}: the algorithm, {1}: the sum of what arrived (no sum was given to check it against).</summary>
    public const string TaskChecksumComputed = "Task.ChecksumComputed";

    /// <summary>{0}: the sums file's URL, {1}: the algorithm, {2}: the sum it lists for the image.</summary>
    public const string TaskChecksumListed = "Task.ChecksumListed";
}
