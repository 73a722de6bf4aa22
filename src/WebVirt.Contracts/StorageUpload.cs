namespace WebVirt.Contracts;

/// <summary>
/// The HTTP upload of a file into a new volume: the web relays the browser's request body to the
/// agent's endpoint unbuffered (PUT, Content-Length = file size, bearer token).
/// </summary>
public static class StorageUpload
{
    /// <summary>Route on the agent; {name} is the user's file name, sanitized into the volume name.</summary>
    public const string AgentPathTemplate = "/storage/pools/{pool}/upload/{name}";

    /// <param name="user">Who uploads, for the upload's task.</param>
    public static string AgentPath(string pool, string name, string user = "") =>
        $"/storage/pools/{Uri.EscapeDataString(pool)}/upload/{Uri.EscapeDataString(name)}?user={Uri.EscapeDataString(user)}";
}
