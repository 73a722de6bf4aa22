using Microsoft.Extensions.Localization;
using MudBlazor;
using WebVirt.Contracts;
using WebVirt.Web.Formatting;
using WebVirt.Web.Resources;
using WebVirt.Web.Services;

namespace WebVirt.Web.Components.Shared;

/// <summary>How every page tells the user the outcome of a command: a short success note, or a failure that stays until closed.</summary>
public static class ActionResultSnackbar
{
    public static void Report(this ISnackbar snackbar, ActionResult result, string failedTitle, string doneText, IStringLocalizer<SharedResource> text)
    {
        if (result.Ok)
        {
            snackbar.Add(doneText, Severity.Success);
            return;
        }

        snackbar.Add<ActionMessage>(
            new Dictionary<string, object>
            {
                [nameof(ActionMessage.Title)] = failedTitle,
                [nameof(ActionMessage.Detail)] = AgentTexts.Describe(result),
                [nameof(ActionMessage.Hint)] = ActionHints.HintFor(result, text) ?? "",
            },
            Severity.Error,
            options =>
            {
                options.RequireInteraction = true;
                options.ShowCloseIcon = true;
            });
    }
}
