using System.Net;
using System.Net.Security;
using Microsoft.AspNetCore.CookiePolicy;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.Options;
using WebVirt.Web.Configuration;

namespace WebVirt.Web.Hosting.Tls;

/// <summary>
/// Where and how the console listens: HTTPS on every interface at WebVirt:Port by default
/// (--urls / ASPNETCORE_URLS still win, for development and tests), plain HTTP only when
/// WebVirt:PlainHttp says so, and the request pipeline's outer layer (headers, cookies, proxies).
/// </summary>
public static class EdgeSetup
{
    public static WebApplicationBuilder AddWebVirtEdge(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(WebVirtOptions.Section);
        var edge = section.Get<EdgeOptions>() ?? new EdgeOptions();
        builder.Services.Configure<EdgeOptions>(section);
        builder.Services.AddSingleton<ServerCertificateStore>();
        builder.Services.AddHostedService<ServerCertificateMonitor>();
        builder.Services.AddSingleton<IConfigureOptions<HostFilteringOptions>, AllowedHostsSetup>();
        builder.Services.AddSingleton<IOptionsChangeTokenSource<HostFilteringOptions>, AllowedHostsSetup>();
        builder.Services.Configure<CookiePolicyOptions>(options =>
        {
            // Auth, antiforgery and culture cookies alike: never sent over plain HTTP (unless the
            // console is configured to be plain HTTP), never readable from script, never on cross-site posts.
            options.Secure = edge.PlainHttp ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            options.HttpOnly = HttpOnlyPolicy.Always;
            options.MinimumSameSitePolicy = SameSiteMode.Lax;
        });

        // First in the list, so these run before every other middleware, the host filter included:
        // even its 400 answer carries the security headers.
        builder.Services.Insert(0, ServiceDescriptor.Transient<IStartupFilter, EdgeStartupFilter>());

        builder.WebHost.ConfigureKestrel((context, kestrel) =>
        {
            if (edge.PlainHttp)
            {
                if (ConfiguredUrls(context.Configuration).Count == 0)
                {
                    kestrel.ListenAnyIP(edge.Port);
                }

                return;
            }

            var store = () => kestrel.ApplicationServices.GetRequiredService<ServerCertificateStore>();
            // https:// addresses from --urls: the same certificate, picked anew for each connection.
            kestrel.ConfigureHttpsDefaults(https => https.ServerCertificateSelector = (_, _) => store().Certificate);
            if (ConfiguredUrls(context.Configuration).Count == 0)
            {
                // [::] with IPV6_V6ONLY off takes IPv4 too; Kestrel falls back to 0.0.0.0 without IPv6.
                kestrel.ListenAnyIP(edge.Port, listen =>
                {
                    listen.Protocols = HttpProtocols.Http1;
                    listen.UseHttps(new TlsHandshakeCallbackOptions
                    {
                        OnConnection = _ => ValueTask.FromResult(new SslServerAuthenticationOptions
                        {
                            ServerCertificateContext = store().Context,
                            ApplicationProtocols = [SslApplicationProtocol.Http11],
                        }),
                    });
                });
            }
        });

        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.KnownIPNetworks.Clear();
            options.KnownProxies.Clear();
            foreach (var entry in edge.TrustedProxies)
            {
                if (IPAddress.TryParse(entry, out var address))
                {
                    options.KnownProxies.Add(address);
                }
            }
        });
        return builder;
    }

    /// <summary>The addresses from --urls / ASPNETCORE_URLS, if any.</summary>
    public static IReadOnlyList<string> ConfiguredUrls(IConfiguration configuration) =>
        (configuration["urls"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private sealed class EdgeStartupFilter(IOptions<EdgeOptions> options, ILogger<EdgeStartupFilter> logger) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.UseMiddleware<SecurityHeadersMiddleware>();
            if (options.Value.TrustedProxies.Count > 0)
            {
                foreach (var entry in options.Value.TrustedProxies.Where(e => !IPAddress.TryParse(e, out _)))
                {
                    TlsLog.BadTrustedProxy(logger, entry);
                }

                app.UseForwardedHeaders();
            }

            app.UseCookiePolicy();
            next(app);
        };
    }
}
