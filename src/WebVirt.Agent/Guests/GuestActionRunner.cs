using WebVirt.Agent.Inventory;
using WebVirt.Agent.Session;
using WebVirt.Contracts;
using WebVirt.Domain.Validation;

namespace WebVirt.Agent.Guests;

/// <summary>Carries out a lifecycle action on one guest and reports the outcome as a result; failures escape to the hub's failure filter.</summary>
internal sealed partial class GuestActionRunner(
    LibvirtSession session, InventoryService inventory, Provisioning.InstallRestartWatcher installWatcher, ILogger<GuestActionRunner> logger)
{
    public async Task<ActionResult> RunAsync(string uuid, GuestAction action, CancellationToken ct)
    {
        if (!UuidRules.IsValid(uuid))
        {
            return ActionResult.Fail(ErrorCodes.GuestUuidInvalid, uuid);
        }

        if (!Enum.IsDefined(action))
        {
            return ActionResult.Fail(ErrorCodes.GuestActionUnknown, ((int)action).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (action == GuestAction.ForceOff)
        {
            // Forced off, a guest in its network install stays off: the watcher would start it again.
            await installWatcher.ForgetAsync(uuid);
        }

        // libvirt's refusals escape to the hub's failure filter, which words them for every command alike.
        await session.RunAsync(c => Apply(c, uuid, action), ct);
        Log.ActionDone(logger, action.ToString(), uuid);

        // Autostart changes raise no lifecycle event, so the row is re-read and pushed here.
        await inventory.RefreshGuestAsync(uuid, ct);
        return ActionResult.Success;
    }

    private static void Apply(LibvirtConnection connection, string uuid, GuestAction action)
    {
        using var domain = connection.LookupDomainByUuid(uuid);
        switch (action)
        {
            case GuestAction.Start: Provisioning.TemplateGuard.ThrowIfTemplate(domain); domain.Create(); break;
            case GuestAction.Shutdown: domain.Shutdown(PoliteMode(domain)); break;
            case GuestAction.ForceOff: domain.Destroy(); break;
            case GuestAction.Reboot: domain.Reboot(PoliteMode(domain)); break;
            case GuestAction.Reset: domain.Reset(); break;
            case GuestAction.Pause: domain.Suspend(); break;
            case GuestAction.Resume: domain.Resume(); break;
            case GuestAction.AutostartOn: domain.SetAutostart(true); break;
            case GuestAction.AutostartOff: domain.SetAutostart(false); break;
            default: throw new ArgumentOutOfRangeException(nameof(action), action, null);
        }
    }

    // With an agent on the channel libvirt asks it first (a clean shutdown even where the guest
    // ignores the power button) and falls back to ACPI when the agent fails. Without one the
    // driver's default: ACPI on QEMU, which has no agent connection to try; drivers without ACPI
    // (the test driver) refuse the explicit ACPI flag.
    private static DomainShutdownMode PoliteMode(LibvirtDomain domain) =>
        GuestAgentService.IsConnected(domain) ? DomainShutdownMode.GuestAgent | DomainShutdownMode.AcpiPowerButton : DomainShutdownMode.Default;

    private static partial class Log
    {
        [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "{Action} on guest {Uuid} done")]
        public static partial void ActionDone(ILogger logger, string action, string uuid);
    }
}
