using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection.Extensions;
using WebVirt.Web.Security;

namespace WebVirt.Web.Api;

/// <summary>
/// The REST API at /api/v1: token authentication (on /api only), rate limits, the endpoints of
/// each area over the agent gateway, and the OpenAPI document at /api/v1/openapi.json.
/// </summary>
public static class ApiSetup
{
    public const string BasePath = "/api";
    public const string Version = "v1";

    /// <summary>Registers the API; call after the gateway, whose user it extends to API requests.</summary>
    public static IServiceCollection AddWebVirtApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ApiOptions>(configuration.GetSection(ApiOptions.Section));
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(ApiTokenClaims.Scheme, null);
        services.AddScoped<ApiRequestUser>();
        services.Replace(ServiceDescriptor.Scoped<ICurrentUser, ApiOrCircuitCurrentUser>());
        services.AddScoped<ApiTokenService>();
        services.AddScoped<ApiTokenPrincipals>();
        services.AddScoped<Agents.Gateway.IBatchActors, BatchActors>();
        services.AddApiRateLimits(configuration);
        // Enums as their names, so a script reads "Running" rather than 1 (and the OpenAPI document says so).
        services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            // A body's discriminator ("source") may come anywhere in the object, not only first.
            options.SerializerOptions.AllowOutOfOrderMetadataProperties = true;
        });
        services.AddOpenApi(Version, options =>
        {
            options.ShouldInclude = description => description.RelativePath?.StartsWith($"api/{Version}/", StringComparison.Ordinal) == true;
            options.AddDocumentTransformer(new ApiDocumentTransformer());
            var generatorFixes = new ApiGeneratorFixes();
            options.AddSchemaTransformer(generatorFixes);
            options.AddDocumentTransformer(generatorFixes);
        });
        return services;
    }

    /// <summary>The rate limits, before authentication so that guessed tokens spend their address's permits.</summary>
    public static IApplicationBuilder UseWebVirtApiLimits(this IApplicationBuilder app) => app.UseRateLimiter();

    public static WebApplication MapWebVirtApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapOpenApi($"{BasePath}/{{documentName}}/openapi.json").AllowAnonymous();
        var api = app.MapGroup($"{BasePath}/{Version}")
            .RequireAuthorization(policy => policy.AddAuthenticationSchemes(ApiTokenClaims.Scheme).RequireAuthenticatedUser())
            .AddEndpointFilter<ApiCallFilter>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        api.MapHostsApi();
        api.MapGuestsApi();
        api.MapSnapshotsApi();
        api.MapGuestCreateApi();
        api.MapGuestProvisioningApi();
        api.MapGuestEditsApi();
        api.MapGuestXmlApi();
        api.MapGuestDisksApi();
        api.MapGuestNicsApi();
        api.MapStorageApi();
        api.MapStorageChangesApi();
        api.MapVolumeContentApi();
        api.MapNetworksApi();
        api.MapNetworkChangesApi();
        api.MapNetworkBootApi();
        api.MapTasksApi();
        api.MapAuditUsersApi();
        api.MapUserChangesApi();
        api.MapRightsApi();
        api.MapRightsGroupsApi();
        // Last: the generator names inline request bodies by their order (Body, Body2 …), which scripts already use.
        api.MapGuestMigrationApi();
        // After it for the same reason: each area added later comes after those scripts already use.
        api.MapHostSettingsApi();
        api.MapVolumeDownloadApi();
        api.MapUsageApi();
        api.MapHostEnrolmentApi();
        api.MapMigrationBatchesApi();
        return app;
    }
}
