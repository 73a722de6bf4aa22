namespace WebVirt.Web.Components.Pages;

/// <summary>A network's optional PXE boot server, as the form edits it (empty strings, never null, so inputs bind).</summary>
public sealed class NetworkBootForm
{
    public bool Enabled { get; set; }

    public string TftpRoot { get; set; } = "";

    public string BootFile { get; set; } = "";

    public string NextServer { get; set; } = "";

    /// <summary>The request's values: all null when network boot is off.</summary>
    public (string? TftpRoot, string? BootFile, string? NextServer) ToRequest() =>
        Enabled ? (Trimmed(TftpRoot), Trimmed(BootFile), Trimmed(NextServer)) : (null, null, null);

    /// <summary>The form showing what a network's definition holds.</summary>
    public static NetworkBootForm From(WebVirt.Contracts.NetworkBootSettings? boot) => boot is null
        ? new NetworkBootForm()
        : new NetworkBootForm { Enabled = true, TftpRoot = boot.TftpRoot ?? "", BootFile = boot.BootFile ?? "", NextServer = boot.BootServer ?? "" };

    private static string? Trimmed(string value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
