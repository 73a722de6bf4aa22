namespace WebVirt.Web.Agents.Gateway;

/// <summary>A guest's screen as a thumbnail: <c>IAgentHub.Screenshot</c>.</summary>
public interface IScreenshotGateway
{
    /// <summary>
    /// The PNG, or null when the guest shows nothing now, the host or guest is unknown or the agent
    /// did not answer. Raises <see cref="AgentCallException"/> (<c>Agent.Forbidden</c>) when the user
    /// may not see the inventory.
    /// </summary>
    Task<byte[]?> GetThumbnailPngAsync(string hostId, string uuid, CancellationToken cancellationToken = default);
}
