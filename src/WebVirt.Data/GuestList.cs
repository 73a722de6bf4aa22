using WebVirt.Contracts;

namespace WebVirt.Data;

/// <summary>Checks an inventory list from the agent before anything is written.</summary>
internal static class GuestList
{
    public static Dictionary<Guid, GuestInfo> IndexByUuid(string hostId, IReadOnlyList<GuestInfo> guests)
    {
        ArgumentNullException.ThrowIfNull(guests);
        var byUuid = new Dictionary<Guid, GuestInfo>(guests.Count);
        foreach (var guest in guests)
        {
            if (!string.Equals(guest.HostId, hostId, StringComparison.Ordinal))
            {
                throw new ArgumentException(
                    $"Guest {guest.Uuid} belongs to host '{guest.HostId}', not to the host being synced ('{hostId}').",
                    nameof(guests));
            }

            if (!byUuid.TryAdd(ParseUuid(guest.Uuid, nameof(guests)), guest))
            {
                throw new ArgumentException($"Guest {guest.Uuid} is listed more than once.", nameof(guests));
            }
        }

        return byUuid;
    }

    public static Guid ParseUuid(string uuid, string paramName) =>
        Guid.TryParse(uuid, out var parsed)
            ? parsed
            : throw new ArgumentException($"'{uuid}' is not a UUID.", paramName);
}
