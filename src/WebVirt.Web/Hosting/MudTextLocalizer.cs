using Microsoft.Extensions.Localization;
using MudBlazor;
using WebVirt.Web.Resources;

namespace WebVirt.Web.Hosting;

/// <summary>
/// MudBlazor's own texts (the close buttons of dialogs and notes, the arrows of number fields, the
/// pager of tables) from the console's catalogue, so they follow the user's language instead of
/// staying English. A key the catalogue lacks keeps MudBlazor's English text.
/// </summary>
public sealed class MudTextLocalizer(IStringLocalizer<SharedResource> texts) : MudLocalizer
{
    /// <summary>The catalogue keys are MudBlazor's keys behind this prefix.</summary>
    public const string Prefix = "Mud.";

    public override LocalizedString this[string key]
    {
        get
        {
            var text = texts[Prefix + key];
            return text.ResourceNotFound ? base[key] : new LocalizedString(key, text.Value);
        }
    }
}
