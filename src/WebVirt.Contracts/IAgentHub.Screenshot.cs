namespace WebVirt.Contracts;

/// <summary>A still image of a running guest's screen, for thumbnails.</summary>
public partial interface IAgentHub
{
    /// <summary>The guest's primary screen as a small PNG; refused for a guest that is not running.</summary>
    Task<GuestScreenshot> GetScreenshot(string uuid);
}

/// <summary>A screenshot, or why there is none (<see cref="Result"/> as for any command).</summary>
/// <param name="Result">Success, or the error with a hint key.</param>
/// <param name="Png">The PNG image on success.</param>
public sealed record GuestScreenshot(ActionResult Result, byte[]? Png = null);
