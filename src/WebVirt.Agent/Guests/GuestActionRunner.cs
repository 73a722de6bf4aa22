using WebVirt.Agent.Inventory;
using WebVirt.Agent.Session;
using WebVirt.Contracts;
using WebVirt.Domain.Validation;
using WebVirt.Libvirt;

namespace WebVirt.Agent.Guests;

/// <summary>Carries out a lifecycle action on one guest and reports the outcome in words a person can act on.</summary>
internal sealed partial class GuestActionRunner(
    LibvirtSession session, InventoryService inventory, Provisioning.InstallRestartWatcher installWatcher, ILogger<GuestActionRunner> logger)
{
    public async Task<ActionResult> RunAsync(string uuid, GuestAction action, CancellationToken ct)
    {
        if (!UuidRules.IsValid(uuid))
        {
            return ActionResult.Fail("WEBVIRT_INVALID_UUID", AgentText.Of(AgentTextCodes.GuestUuidInvalid, uuid));
        }

        if (!Enum.IsDefined(action))
        {
            return ActionResult.Fail("WEBVIRT_INVALID_ACTION", AgentText.Of(AgentTextCodes.GuestActionUnknown, ((int)action).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        try
        {
            if (action == GuestAction.ForceOff)
            {
                // Forced off, a guest in its network install stays off: the watcher would start it again.
                await installWatcher.ForgetAsync(uuid);
            }

            await session.RunAsync(c => Apply(c, uuid, action), ct);
            Log.ActionDone(logger, action.ToString(), uuid);

            // Autostart changes raise no lifecycle event, so the row is re-read and pushed here.
            await inventory.RefreshGuestAsync(uuid, ct);
            return ActionResult.Success;
        }
        catch (LibvirtException ex)
        {
            Log.ActionFailed(logger, action.ToString(), uuid, ex.Message);
            return ActionResult.Fail(ex.CodeName, ex.Message, LibvirtErrorHints.For(ex));
        }
        catch (LibvirtUnavailableException ex)
        {
            return ActionResult.Fail("WEBVIRT_LIBVIRT_UNAVAILABLE", ex.Message, HintKeys.LibvirtDown);
        }
        catch (Provisioning.TemplateStartRefusedException ex)
        {
            return ActionResult.Fail(Provisioning.TemplateStartRefusedException.Code, ex.Message, HintKeys.TemplateNotStartable);
        }
    }

    private static void Apply(LibvirtConnection connection, string uuid, GuestAction action)
    {
        using var domain = connection.LookupDomainByUuid(uuid);
        switch (action)
        {
            case GuestAction.Start: Provisioning.TemplateGuard.ThrowIfTemplate(domain); domain.Create(); break;
            case GuestAction.Shutdown: domain.Shutdown(); break;
            case GuestAction.ForceOff: domain.Destroy(); break;
            case GuestAction.Reboot: domain.Reboot(); break;
            case GuestAction.Reset: domain.Reset(); break;
            case GuestAction.Pause: domain.Suspend(); break;
            case GuestAction.Resume: domain.Resume(); break;
            case GuestAction.AutostartOn: domain.SetAutostart(true); break;
            case GuestAction.AutostartOff: domain.SetAutostart(false); break;
            default: throw new ArgumentOutOfRangeException(nameof(action), action, null);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "{Action} on guest {Uuid} done")]
        public static partial void ActionDone(ILogger logger, string action, string uuid);

        [LoggerMessage(EventId = 4002, Level = LogLevel.Warning, Message = "{Action} on guest {Uuid} failed: {Error}")]
        public static partial void ActionFailed(ILogger logger, string action, string uuid, string error);
    }
}
