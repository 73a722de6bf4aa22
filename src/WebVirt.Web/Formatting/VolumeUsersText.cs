using Microsoft.Extensions.Localization;

namespace WebVirt.Web.Formatting;

/// <summary>
/// The guests using a volume as every page shows them: names, each marked when the guest uses the
/// volume only through a backing file (a linked clone's base), so nobody takes such a volume for unused.
/// </summary>
public static class VolumeUsersText
{
    public static string Format(IEnumerable<string> usedBy, IReadOnlyList<string>? throughBacking, IStringLocalizer shared) =>
        string.Join(", ", usedBy.Select(guest => throughBacking?.Contains(guest) == true ? shared["Common.ThroughBackingFile", guest].Value : guest));
}
