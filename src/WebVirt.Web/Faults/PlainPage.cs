using System.Globalization;
using System.Net;

namespace WebVirt.Web.Faults;

/// <summary>
/// A small page written without the app (no Blazor, no database) for answers the app itself cannot
/// give: an outage, a failed request, an address that leads nowhere. Texts come in already localized.
/// </summary>
internal static class PlainPage
{
    public static string Html(string title, string text, string linkHref, string linkText, string testId, int? refreshSeconds = null)
    {
        var refresh = refreshSeconds is int seconds ? $"<meta http-equiv=\"refresh\" content=\"{seconds.ToString(CultureInfo.InvariantCulture)}\">" : "";
        var language = WebUtility.HtmlEncode(CultureInfo.CurrentUICulture.Name);
        title = WebUtility.HtmlEncode(title);
        return $"""
            <!DOCTYPE html>
            <html lang="{language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">{refresh}
            <title>{title} · WebVirt</title></head>
            <body style="font-family: Roboto, 'Noto Sans', 'Noto Sans CJK SC', sans-serif; background: #16324f; color: #222; display: flex; min-height: 100vh; margin: 0; align-items: center; justify-content: center">
            <main data-testid="{WebUtility.HtmlEncode(testId)}" style="background: #fff; border-radius: 6px; padding: 32px; max-width: 480px">
            <h1 style="font-size: 1.4rem; margin-top: 0">{title}</h1>
            <p data-testid="{WebUtility.HtmlEncode(testId)}-text">{WebUtility.HtmlEncode(text)}</p>
            <p><a href="{WebUtility.HtmlEncode(linkHref)}">{WebUtility.HtmlEncode(linkText)}</a></p>
            </main></body></html>
            """;
    }
}
