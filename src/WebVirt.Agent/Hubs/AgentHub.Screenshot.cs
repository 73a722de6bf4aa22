using WebVirt.Agent.Screenshots;
using WebVirt.Agent.Session;
using WebVirt.Contracts;
using WebVirt.Domain.Validation;

namespace WebVirt.Agent.Hubs;

/// <summary>Screenshots of running guests (<see cref="ScreenshotConverter"/>); libvirt's errors go to the hub's failure filter.</summary>
internal sealed partial class AgentHub
{
    public Task<GuestScreenshot> GetScreenshot(string uuid)
    {
        if (!UuidRules.IsValid(uuid))
        {
            return Task.FromResult(new GuestScreenshot(ActionResult.Fail(ErrorCodes.GuestUuidInvalid, uuid)));
        }

        return Feature<LibvirtSession>().RunAsync(c =>
        {
            using var domain = c.LookupDomainByUuid(uuid);
            if (!domain.IsActive())
            {
                return new GuestScreenshot(ActionResult.Fail(Failure.Of(ErrorCodes.GuestHasNoScreen).WithHint(HintKeys.OperationInvalid)));
            }

            var shot = domain.TakeScreenshot();
            return new GuestScreenshot(ActionResult.Success, ScreenshotConverter.ToPng(shot.MimeType, shot.Data));
        }, Context.ConnectionAborted);
    }
}
