using WebVirt.Contracts;

namespace WebVirt.Web.Metrics;

/// <summary>The labels every host and guest series carries, named once so they stay the same everywhere.</summary>
internal static class MetricTags
{
    public const string Host = "host";
    public const string Guest = "guest";
    public const string Uuid = "uuid";
    public const string State = "state";

    public static KeyValuePair<string, object?>[] OfHost(string hostId) => [new(Host, hostId)];

    public static KeyValuePair<string, object?>[] OfGuest(GuestInfo guest) =>
        [new(Host, guest.HostId), new(Guest, guest.Name), new(Uuid, guest.Uuid)];

    public static KeyValuePair<string, object?>[] OfGuest(GuestInfo guest, string extraName, string extraValue) =>
        [new(Host, guest.HostId), new(Guest, guest.Name), new(Uuid, guest.Uuid), new(extraName, extraValue)];
}
