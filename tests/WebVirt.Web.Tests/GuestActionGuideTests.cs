using WebVirt.Contracts;
using WebVirt.Web.Security;

namespace WebVirt.Web.Tests;

public sealed class GuestActionGuideTests
{
    [Fact]
    public void ShutOffGuestCanOnlyBeStarted() =>
        Assert.Equal([GuestAction.Start], GuestActionGuide.ValidFor(GuestState.ShutOff));

    [Fact]
    public void RunningGuestCanBeStoppedRebootedResetAndPausedButNotStarted()
    {
        var actions = GuestActionGuide.ValidFor(GuestState.Running);
        Assert.Equal(
            new[] { GuestAction.ForceOff, GuestAction.Pause, GuestAction.Reboot, GuestAction.Reset, GuestAction.Shutdown }.Order(),
            actions.Order());
    }

    [Fact]
    public void PausedGuestCanBeResumed()
    {
        Assert.Contains(GuestAction.Resume, GuestActionGuide.ValidFor(GuestState.Paused));
        Assert.DoesNotContain(GuestAction.Start, GuestActionGuide.ValidFor(GuestState.Paused));
    }

    [Theory]
    [InlineData(GuestAction.ForceOff, true)]
    [InlineData(GuestAction.Reset, true)]
    [InlineData(GuestAction.Shutdown, false)]
    [InlineData(GuestAction.Start, false)]
    public void DestructiveActionsNeedConfirmation(GuestAction action, bool expected) =>
        Assert.Equal(expected, GuestActionGuide.NeedsConfirmation(action));

    [Theory]
    [InlineData(GuestAction.ForceOff, "forceoff")]
    [InlineData(GuestAction.Shutdown, "shutdown")]
    [InlineData(GuestAction.Resume, "resume")]
    public void SlugsMatchTheTestIds(GuestAction action, string slug) => Assert.Equal(slug, GuestActionGuide.Slug(action));
}
