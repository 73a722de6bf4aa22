using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Microsoft.OpenApi;
using WebVirt.Web.Resources;

namespace WebVirt.Web.Api;

/// <summary>
/// Reads a request's JSON body. Endpoints read it themselves rather than through parameter binding,
/// so that a broken body gets a problem with a stable code (and the call its audit entry) instead of
/// a bare 400; each declares its body type with <see cref="AcceptsJson{T}"/> for the OpenAPI document.
/// </summary>
public static class ApiBodies
{
    public static async Task<(T? Body, ProblemHttpResult? Problem)> ReadAsync<T>(HttpRequest request, IStringLocalizer<ApiResource> texts)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(texts);
        if (!request.HasJsonContentType())
        {
            return (null, Invalid(texts, "Content-Type: application/json"));
        }

        try
        {
            var body = await request.ReadFromJsonAsync<T>(request.HttpContext.RequestAborted);
            return body is null ? (null, Invalid(texts, "null")) : (body, null);
        }
        catch (JsonException ex)
        {
            // The parser says where the body went wrong (path, line, position); the client sent it, so it may read it.
            return (null, Invalid(texts, ex.Path is { Length: > 0 } path ? $"{path} ({ex.Message})" : ex.Message));
        }
        catch (NotSupportedException) when (typeof(T).GetCustomAttribute<JsonPolymorphicAttribute>() is { TypeDiscriminatorPropertyName: { } discriminator })
        {
            // A body of several kinds without the field that says which: the serializer cannot pick one.
            return (null, Required(texts, discriminator));
        }
    }

    /// <summary>
    /// Describes the JSON body in the OpenAPI document. Not <c>Accepts</c>: its content-type match
    /// would answer another type with a bare 415 before the endpoint, where a problem belongs.
    /// </summary>
    public static RouteHandlerBuilder AcceptsJson<T>(this RouteHandlerBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddOpenApiOperationTransformer(async (operation, context, cancellationToken) =>
        {
            var schema = ApiGeneratorFixes.ForBody(context.Document, typeof(T).Name, await context.GetOrCreateSchemaAsync(typeof(T), null, cancellationToken));
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal) { ["application/json"] = new() { Schema = schema } },
            };
        });
    }

    /// <summary>
    /// Like <see cref="AcceptsJson{T}"/>, with the body a component named after <typeparamref name="T"/>
    /// rather than inline: for an endpoint on a path the document lists early (<c>/hosts</c>), whose inline
    /// body would take a generated client's first name (Body) from the bodies scripts already use.
    /// </summary>
    public static RouteHandlerBuilder AcceptsJsonComponent<T>(this RouteHandlerBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddOpenApiOperationTransformer(async (operation, context, cancellationToken) =>
        {
            var name = typeof(T).Name;
            var schema = await context.GetOrCreateSchemaAsync(typeof(T), null, cancellationToken);
            var document = context.Document!;
            document.Components ??= new OpenApiComponents();
            document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal);
            document.Components.Schemas.TryAdd(name, schema);
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal) { ["application/json"] = new() { Schema = new OpenApiSchemaReference(name, document) } },
            };
        });
    }

    /// <summary>A field the call cannot do without, missing or blank.</summary>
    public static ProblemHttpResult Required(IStringLocalizer<ApiResource> texts, string field)
    {
        ArgumentNullException.ThrowIfNull(texts);
        return ApiProblems.Of(StatusCodes.Status400BadRequest, ApiErrorCodes.FieldRequired, texts[ApiErrorCodes.FieldRequired, field]);
    }

    private static ProblemHttpResult Invalid(IStringLocalizer<ApiResource> texts, string detail) =>
        ApiProblems.Of(StatusCodes.Status400BadRequest, ApiErrorCodes.BodyInvalid, texts[ApiErrorCodes.BodyInvalid, detail]);
}
