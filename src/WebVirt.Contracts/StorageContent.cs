namespace WebVirt.Contracts;

/// <summary>
/// The HTTP download of a volume's content: the web relays the agent's answer to its client
/// unbuffered (GET, bearer token); the agent answers with Content-Length, or with an
/// <see cref="ActionResult"/> as JSON when it refuses.
/// </summary>
public static class StorageContent
{
    /// <summary>Route on the agent.</summary>
    public const string AgentPathTemplate = "/storage/pools/{pool}/content/{name}";

    public static string AgentPath(string pool, string name) =>
        $"/storage/pools/{Uri.EscapeDataString(pool)}/content/{Uri.EscapeDataString(name)}";
}
