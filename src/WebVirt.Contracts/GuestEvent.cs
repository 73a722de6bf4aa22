namespace WebVirt.Contracts;

/// <summary>A lifecycle event libvirt reported for a guest (started, stopped, suspended...).</summary>
/// <param name="Event">libvirt's event kind as a word: defined, undefined, started, suspended, resumed, stopped, shutdown, pmsuspended, crashed.</param>
/// <param name="Detail">libvirt's detail for the event as a word, for example "booted" or "destroyed".</param>
public sealed record GuestEvent(
    string HostId,
    string Uuid,
    string Name,
    string Event,
    string Detail,
    DateTimeOffset At);
