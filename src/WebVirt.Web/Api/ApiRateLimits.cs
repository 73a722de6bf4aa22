using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using WebVirt.Web.Metrics;
using WebVirt.Web.Resources;

namespace WebVirt.Web.Api;

/// <summary>
/// Fixed-window limits on /api, per token and per client address, and on /metrics per client
/// address (WebVirt:Metrics), checked before the token is: a client guessing tokens spends its
/// address's permits. A refused call gets 429 with Retry-After.
/// </summary>
public static class ApiRateLimits
{
    public static IServiceCollection AddApiRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var limits = configuration.GetSection(ApiOptions.Section).Get<ApiOptions>() ?? new ApiOptions();
        var window = TimeSpan.FromSeconds(Math.Max(1, limits.WindowSeconds));
        var scrapes = configuration.GetSection(MetricsOptions.Section).Get<MetricsOptions>() ?? new MetricsOptions();
        var scrapeWindow = TimeSpan.FromSeconds(Math.Max(1, scrapes.WindowSeconds));
        services.AddRateLimiter(options =>
        {
            options.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(context =>
                    IsApi(context) && ApiTokenSecret.PublicIdOf(BearerOf(context)) is { } publicId
                        ? RateLimitPartition.GetFixedWindowLimiter("token:" + publicId, _ => Window(limits.PermitsPerToken, window))
                        : RateLimitPartition.GetNoLimiter("")),
                PartitionedRateLimiter.Create<HttpContext, string>(context =>
                    IsApi(context)
                        ? RateLimitPartition.GetFixedWindowLimiter("address:" + AddressOf(context), _ => Window(limits.PermitsPerAddress, window))
                        : RateLimitPartition.GetNoLimiter("")),
                PartitionedRateLimiter.Create<HttpContext, string>(context =>
                    IsMetrics(context)
                        ? RateLimitPartition.GetFixedWindowLimiter("metrics:" + AddressOf(context), _ => Window(scrapes.ScrapesPerAddress, scrapeWindow))
                        : RateLimitPartition.GetNoLimiter("")));
            options.OnRejected = (rejected, cancellationToken) => new ValueTask(RejectAsync(rejected, IsMetrics(rejected.HttpContext) ? scrapeWindow : window));
        });
        return services;
    }

    private static Task RejectAsync(OnRejectedContext rejected, TimeSpan window)
    {
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : window;
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        var context = rejected.HttpContext;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var texts = context.RequestServices.GetRequiredService<IStringLocalizer<ApiResource>>();
        return ApiProblems.Write(context, StatusCodes.Status429TooManyRequests, ApiErrorCodes.RateLimited, texts[ApiErrorCodes.RateLimited, seconds]);
    }

    private static FixedWindowRateLimiterOptions Window(int permits, TimeSpan window) => new()
    {
        PermitLimit = Math.Max(1, permits),
        Window = window,
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    private static bool IsApi(HttpContext context) => context.Request.Path.StartsWithSegments(ApiSetup.BasePath, StringComparison.OrdinalIgnoreCase);

    private static bool IsMetrics(HttpContext context) => context.Request.Path.StartsWithSegments(MetricsSetup.Path, StringComparison.OrdinalIgnoreCase);

    private static string? BearerOf(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : null;
    }

    private static string AddressOf(HttpContext context) => context.Connection.RemoteIpAddress is { } address
        ? (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString()
        : IPAddress.None.ToString();
}
