using System.Xml.Linq;
using WebVirt.Domain.Definition;
using WebVirt.Domain.Validation;

namespace WebVirt.Domain.Devices;

/// <summary>
/// The guest page's TPM and Secure Boot switches, as edits of the persistent XML. Both change what
/// QEMU is started with, so they are refused while the guest runs.
/// </summary>
public static class FirmwareEditor
{
    /// <summary>Adds an emulated TPM 2.0 (swtpm) or removes every TPM; adding one the guest has is no change.</summary>
    public static ValidationResult<string> SetTpm(string domainXml, bool enabled, bool guestIsActive, HostLimits host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var problems = new List<ValidationProblem>();
        CheckShutOff(guestIsActive, "Tpm", problems);
        XDocument? document = DomainDocument.Parse(domainXml, problems);
        if (enabled && !host.TpmAvailable)
        {
            problems.Add(ValidationProblem.Create("Tpm", ValidationKeys.TpmUnavailable));
        }

        return Result(document, problems, domain =>
        {
            XElement devices = DomainDocument.Devices(domain.Document!);
            if (!enabled)
            {
                devices.Elements("tpm").Remove();
            }
            else if (devices.Element("tpm") is null)
            {
                devices.Add(FirmwareXml.Tpm(DomainDocument.MachineType(domain.Document!)));
            }
        });
    }

    /// <summary>
    /// Turns Secure Boot on or off on a UEFI guest. The loader and NVRAM libvirt or the user named
    /// are dropped, so libvirt's auto-selection picks the firmware build that matches; the guest's
    /// UEFI variables are kept.
    /// </summary>
    public static ValidationResult<string> SetSecureBoot(string domainXml, bool enabled, bool guestIsActive, HostLimits host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var problems = new List<ValidationProblem>();
        CheckShutOff(guestIsActive, "SecureBoot", problems);
        XDocument? document = DomainDocument.Parse(domainXml, problems);
        XElement? os = document?.Root!.Element("os");
        if (document is not null && enabled)
        {
            bool uefi = (string?)os?.Attribute("firmware") == "efi" || (string?)os?.Element("loader")?.Attribute("type") == "pflash";
            if (!uefi)
            {
                problems.Add(ValidationProblem.Create("SecureBoot", ValidationKeys.SecureBootNeedsUefi));
            }
            else
            {
                FirmwareRules.CheckSecureBoot(DomainDocument.MachineType(document), host, "SecureBoot", problems);
            }
        }

        return Result(document, problems, domain =>
        {
            XElement osElement = domain.Element("os")!;
            if (!enabled && !FirmwareXml.SecureBoot(osElement))
            {
                return;
            }

            osElement.SetAttributeValue("firmware", "efi");
            osElement.Elements("firmware").Remove();
            osElement.Elements("loader").Remove();
            osElement.Elements("nvram").Remove();
            osElement.Element("type")!.AddAfterSelf(FirmwareXml.Features(enabled));
            if (enabled)
            {
                XElement features = domain.Element("features") ?? AddFeatures(domain);
                features.Elements("smm").Remove();
                features.Add(FirmwareXml.Smm());
            }
        });
    }

    private static XElement AddFeatures(XElement domain)
    {
        var features = new XElement("features");
        domain.Element("os")!.AddAfterSelf(features);
        return features;
    }

    private static void CheckShutOff(bool guestIsActive, string field, List<ValidationProblem> problems)
    {
        if (guestIsActive)
        {
            problems.Add(ValidationProblem.Create(field, ValidationKeys.FirmwareMustBeShutOff));
        }
    }

    private static ValidationResult<string> Result(XDocument? document, List<ValidationProblem> problems, Action<XElement> edit)
    {
        if (document is null || problems.Count > 0)
        {
            return ValidationResult<string>.Refused(problems);
        }

        edit(document.Root!);
        return new ValidationResult<string>(document.ToString(), problems);
    }
}
