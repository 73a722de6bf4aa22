using System.Xml.Linq;
using WebVirt.Domain.Devices;
using WebVirt.Domain.Validation;

namespace WebVirt.Domain.GuestPage;

/// <summary>An edited domain XML that still describes the same guest.</summary>
public sealed record SameGuestXml(string Xml, string Name, Guid Uuid);

/// <summary>
/// An edited persistent XML may change anything but which guest it is: renaming through a define
/// would leave the old definition behind, and another UUID would define a second guest.
/// </summary>
public static class GuestXmlIdentityRules
{
    public const string Field = "Xml";

    public static ValidationResult<SameGuestXml> Check(string currentXml, string? editedXml)
    {
        var problems = new List<ValidationProblem>();
        XDocument current = XDocument.Parse(currentXml);
        XDocument? edited = DomainDocument.Parse(editedXml, problems);
        if (edited is null)
        {
            return ValidationResult<SameGuestXml>.Refused([.. problems.Select(p => p with { Field = Field })]);
        }

        string currentName = ((string?)current.Root!.Element("name") ?? string.Empty).Trim();
        string editedName = ((string?)edited.Root!.Element("name") ?? string.Empty).Trim();
        if (!string.Equals(currentName, editedName, StringComparison.Ordinal))
        {
            problems.Add(ValidationProblem.Create(Field, ValidationKeys.XmlRenamesGuest, currentName, editedName));
        }

        Guid currentUuid = Guid.Parse(((string?)current.Root.Element("uuid") ?? string.Empty).Trim());
        string? editedUuidText = ((string?)edited.Root.Element("uuid"))?.Trim();
        if (string.IsNullOrEmpty(editedUuidText))
        {
            problems.Add(ValidationProblem.Create(Field, ValidationKeys.XmlUuidMissing, currentUuid.ToString()));
        }
        else if (!UuidRules.TryParse(editedUuidText, out Guid editedUuid) || editedUuid != currentUuid)
        {
            problems.Add(ValidationProblem.Create(Field, ValidationKeys.XmlUuidChanged, currentUuid.ToString(), editedUuidText));
        }

        return ValidationResult<SameGuestXml>.From(() => new SameGuestXml(editedXml!, editedName, currentUuid), problems);
    }
}
