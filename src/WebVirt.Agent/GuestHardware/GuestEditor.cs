using WebVirt.Agent.Inventory;
using WebVirt.Agent.Session;
using WebVirt.Contracts;
using WebVirt.Domain.Validation;

namespace WebVirt.Agent.GuestHardware;

/// <summary>
/// Runs one edit of a guest: checks the UUID, looks the guest up inside one libvirt call, and after a success re-reads the guest's inventory row so
/// every console sees the change.
/// </summary>
internal sealed partial class GuestEditor(LibvirtSession session, InventoryService inventory, ILogger<GuestEditor> logger)
{
    public async Task<ActionResult> RunAsync(string uuid, string edit, Func<GuestEdit, ActionResult> apply, CancellationToken ct)
    {
        if (!UuidRules.IsValid(uuid))
        {
            return ActionResult.Fail(ErrorCodes.GuestUuidInvalid, uuid);
        }

        // libvirt's errors escape to the hub's failure filter, which maps and logs them for every command alike.
        ActionResult result = await session.RunAsync(c =>
        {
            using var domain = c.LookupDomainByUuid(uuid);
            return apply(new GuestEdit(c, domain, inventory.Host));
        }, ct);
        if (result.Ok)
        {
            Log.Applied(logger, edit, uuid, result.ToString());
            await inventory.RefreshGuestAsync(uuid, ct);
        }
        else
        {
            Log.NotApplied(logger, edit, uuid, result.ToString());
        }

        return result;
    }

    /// <summary>A read that needs the guest; its failures escape to the hub's failure filter.</summary>
    public Task<T> ReadAsync<T>(string uuid, Func<GuestEdit, T> read, CancellationToken ct)
    {
        if (!UuidRules.IsValid(uuid))
        {
            throw new FailureException(Failure.Of(ErrorCodes.GuestUuidInvalid, uuid));
        }

        return session.RunAsync(c =>
        {
            using var domain = c.LookupDomainByUuid(uuid);
            return read(new GuestEdit(c, domain, inventory.Host));
        }, ct);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 7001, Level = LogLevel.Information, Message = "{Edit} on guest {Uuid}: {Outcome}")]
        public static partial void Applied(ILogger logger, string edit, string uuid, string outcome);

        [LoggerMessage(EventId = 7002, Level = LogLevel.Warning, Message = "{Edit} on guest {Uuid} not applied: {Failure}")]
        public static partial void NotApplied(ILogger logger, string edit, string uuid, string failure);
    }
}
