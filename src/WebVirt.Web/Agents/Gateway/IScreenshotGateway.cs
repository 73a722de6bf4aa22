namespace WebVirt.Web.Agents.Gateway;

/// <summary>A guest's screen as a thumbnail: <c>IAgentHub.Screenshot</c>.</summary>
public interface IScreenshotGateway
{
    /// <summary>The PNG as a data: URL, or null when the user may not see it, the guest shows nothing now or the agent did not answer.</summary>
    Task<string?> GetThumbnailDataUrlAsync(string hostId, string uuid, CancellationToken cancellationToken = default);
}
