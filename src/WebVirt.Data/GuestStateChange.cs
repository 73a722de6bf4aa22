using WebVirt.Contracts;

namespace WebVirt.Data;

/// <summary>One entry of a guest's history: a libvirt lifecycle event, or a state an inventory sync found.</summary>
public sealed class GuestStateChange
{
    /// <summary>The event name written when an inventory sync, not a libvirt event, found the state.</summary>
    public const string ObservedEvent = "observed";

    public const int EventMaxLength = 32;

    public long Id { get; set; }

    public string HostId { get; set; } = "";

    public Guid Uuid { get; set; }

    /// <summary>The guest's name at the time, since guests can be renamed.</summary>
    public string Name { get; set; } = "";

    /// <summary>The stored state before this change; null when the guest was first seen.</summary>
    public GuestState? FromState { get; set; }

    public GuestState ToState { get; set; }

    public string Event { get; set; } = "";

    public string Reason { get; set; } = "";

    public DateTimeOffset At { get; set; }
}
