using WebVirt.Contracts;

namespace WebVirt.Web.Tests.Infrastructure;

/// <summary>Screenshots as the fake agent answers them: a fixed PNG for a running guest.</summary>
public sealed partial class FakeAgentHub
{
    /// <summary>A 1x1 PNG's leading bytes; the console only passes the bytes on, so they need not decode.</summary>
    public static readonly byte[] ScreenshotPng = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3];

    public Task<GuestScreenshot> GetScreenshot(string uuid) => Task.FromResult(
        state.Guests.TryGetValue(uuid, out var guest) && guest.State == GuestState.Running
            ? new GuestScreenshot(ActionResult.Success, ScreenshotPng)
            : new GuestScreenshot(ActionResult.Fail(ErrorCodes.GuestHasNoScreen)));
}
