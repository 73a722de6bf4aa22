using WebVirt.Contracts;

namespace WebVirt.Web.Components.Guest;

/// <summary>What a field becomes at the next boot, when the persistent definition differs from what the guest runs with.</summary>
public static class PendingValue
{
    public static string? Of<T>(GuestDetails details, Func<GuestHardware, T> field, Func<T, string> format)
    {
        ArgumentNullException.ThrowIfNull(details);
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(format);
        if (details.NextBoot is not { } next)
        {
            return null;
        }

        var pending = field(next);
        return EqualityComparer<T>.Default.Equals(pending, field(details.Hardware)) ? null : format(pending);
    }

    /// <summary>Whether a list (disks, NICs, boot devices) differs at the next boot; lists compare item by item.</summary>
    public static bool Differs<T>(GuestDetails details, Func<GuestHardware, IReadOnlyList<T>> list)
    {
        ArgumentNullException.ThrowIfNull(details);
        ArgumentNullException.ThrowIfNull(list);
        return details.NextBoot is { } next && !list(next).SequenceEqual(list(details.Hardware));
    }
}
