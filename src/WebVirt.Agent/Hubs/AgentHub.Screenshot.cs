using WebVirt.Agent.Screenshots;
using WebVirt.Agent.Session;
using WebVirt.Contracts;
using WebVirt.Domain.Validation;
using WebVirt.Libvirt;

namespace WebVirt.Agent.Hubs;

/// <summary>Screenshots of running guests (<see cref="ScreenshotConverter"/>).</summary>
internal sealed partial class AgentHub
{
    public async Task<GuestScreenshot> GetScreenshot(string uuid)
    {
        if (!UuidRules.IsValid(uuid))
        {
            return new(ActionResult.Fail("WEBVIRT_INVALID_UUID", AgentText.Of(AgentTextCodes.GuestUuidInvalid, uuid)));
        }

        try
        {
            return await Feature<LibvirtSession>().RunAsync(c =>
            {
                using var domain = c.LookupDomainByUuid(uuid);
                if (!domain.IsActive())
                {
                    return new GuestScreenshot(ActionResult.Fail(GuestScreenshot.NotRunningCode, AgentText.Of(AgentTextCodes.GuestHasNoScreen), HintKeys.OperationInvalid));
                }

                var shot = domain.TakeScreenshot();
                return new GuestScreenshot(ActionResult.Success, ScreenshotConverter.ToPng(shot.MimeType, shot.Data));
            }, Context.ConnectionAborted);
        }
        catch (LibvirtException ex)
        {
            return new(ActionResult.Fail(ex.CodeName, ex.Message, LibvirtErrorHints.For(ex)));
        }
        catch (LibvirtUnavailableException ex)
        {
            return new(ActionResult.Fail("WEBVIRT_LIBVIRT_UNAVAILABLE", ex.Message, HintKeys.LibvirtDown));
        }
        catch (FormatException ex)
        {
            return new(ActionResult.Fail("WEBVIRT_SCREENSHOT_FORMAT", ex.Message));
        }
    }
}
