using Microsoft.AspNetCore.Localization;

namespace WebVirt.Web.Hosting;

/// <summary>The languages the console speaks and how the choice is remembered.</summary>
public static class Cultures
{
    public const string English = "en";
    public const string SimplifiedChinese = "zh-Hans";

    public static IReadOnlyList<string> Supported { get; } = [English, SimplifiedChinese];

    public static bool IsSupported(string? culture) =>
        culture is not null && Supported.Contains(culture, StringComparer.OrdinalIgnoreCase);

    public static IApplicationBuilder UseWebVirtLocalization(this IApplicationBuilder app)
    {
        var options = new RequestLocalizationOptions { FallBackToParentCultures = true, FallBackToParentUICultures = true }
            .SetDefaultCulture(English)
            .AddSupportedCultures([.. Supported])
            .AddSupportedUICultures([.. Supported]);
        return app.UseRequestLocalization(options);
    }

    public static void RememberCulture(HttpResponse response, string culture) =>
        response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
            new CookieOptions
            {
                Expires = DateTimeOffset.UtcNow.AddYears(1),
                IsEssential = true,
                HttpOnly = true,
                SameSite = SameSiteMode.Lax,
                Path = "/",
            });
}
