using Microsoft.Extensions.Localization;
using WebVirt.Web.Resources;

namespace WebVirt.Web.Components.Guest;

/// <summary>
/// libvirt's words for lifecycle events and state reasons ("started", "booted", "destroyed") in
/// the user's language. A word libvirt adds later and the catalogue does not know yet is shown as
/// libvirt wrote it rather than hidden.
/// </summary>
public static class LibvirtWords
{
    public const string Prefix = "Libvirt.";

    public static string Text(IStringLocalizer<GuestResource> texts, string? word)
    {
        ArgumentNullException.ThrowIfNull(texts);
        if (string.IsNullOrEmpty(word))
        {
            return "";
        }

        var text = texts[Prefix + word];
        return text.ResourceNotFound ? word : text.Value;
    }
}
