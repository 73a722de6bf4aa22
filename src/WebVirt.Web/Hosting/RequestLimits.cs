using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace WebVirt.Web.Hosting;

/// <summary>
/// Every request body has a limit: forms (login, language) and Blazor's messages are small, so
/// 1 MiB is generous. The upload endpoint alone raises its own request's limit, to the size its
/// ticket was issued for.
/// </summary>
public static class RequestLimits
{
    public const long MaxRequestBodyBytes = 1024 * 1024;

    public static IServiceCollection AddWebVirtRequestLimits(this IServiceCollection services)
    {
        services.Configure<KestrelServerOptions>(kestrel => kestrel.Limits.MaxRequestBodySize = MaxRequestBodyBytes);
        services.Configure<FormOptions>(form =>
        {
            form.MultipartBodyLengthLimit = MaxRequestBodyBytes;
            form.ValueLengthLimit = 64 * 1024;
            form.ValueCountLimit = 256;
        });
        return services;
    }
}
