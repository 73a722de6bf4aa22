using System.Globalization;
using WebVirt.Domain.Validation;

namespace WebVirt.Domain.Storage;

/// <summary>
/// The guests using a volume as a message argument: names, each marked when its use is only through
/// a backing file, in the language the message is formatted in.
/// </summary>
public sealed class VolumeUserList(IReadOnlyList<VolumeUser> users) : IFormattable
{
    public IReadOnlyList<VolumeUser> Users { get; } = users;

    public string ToString(string? format, IFormatProvider? formatProvider)
    {
        var culture = formatProvider as CultureInfo ?? CultureInfo.InvariantCulture;
        return string.Join(", ", Users.Select(u => u.ThroughBacking
            ? string.Format(culture, ValidationMessages.Template(ValidationKeys.VolumeUserThroughBacking, culture), u.Guest)
            : u.Guest));
    }

    public override string ToString() => ToString(null, CultureInfo.InvariantCulture);
}
