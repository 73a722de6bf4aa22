using WebVirt.Contracts;

namespace WebVirt.Web.Agents.Records;

/// <summary>
/// Something an agent reported about its guests that the history records, under the host id of the
/// connection it came on (never the one in the agent's message).
/// </summary>
public abstract record InventoryReport(string HostId);

/// <summary>The agent's whole guest list (after a connect) or a change to it: the host's guests are to be synced.</summary>
public sealed record GuestListChanged(string HostId) : InventoryReport(HostId);

/// <summary>A lifecycle event with the guest as it is after the event; a null guest means it is gone (undefined, or a transient guest that stopped).</summary>
public sealed record GuestLifecycleReported(string HostId, GuestEvent Event, GuestInfo? Guest) : InventoryReport(HostId);
