using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace WebVirt.Web.Api;

/// <summary>Names the document and declares the bearer token every operation needs.</summary>
internal sealed class ApiDocumentTransformer : IOpenApiDocumentTransformer
{
    private const string SchemeName = "apiToken";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "WebVirt API",
            Version = ApiSetup.Version,
            Description = "Hosts, guests (snapshots, clones, templates, hardware, notes), storage, networks and tasks of a WebVirt console. Send an API token (made under My account) as 'Authorization: Bearer <token>'. Errors are RFC 9457 problem details with a stable 'code'.",
        };
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[SchemeName] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "An API token: wvt_<id>_<secret>.",
        };
        document.Security ??= [];
        document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeName, document)] = [] });
        return Task.CompletedTask;
    }
}
