using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Microsoft.Net.Http.Headers;
using Microsoft.OpenApi;
using WebVirt.Web.Resources;

namespace WebVirt.Web.Api;

/// <summary>
/// Reads a request body that is an XML document as text (application/xml or text/xml). The XML
/// itself is checked by the agent, as the guest page's editor's is; this only refuses what is not
/// a document at all, with a problem rather than a bare 415.
/// </summary>
public static class ApiXmlBody
{
    /// <summary>Far more than any guest's definition; a larger body is refused before it is read whole.</summary>
    public const int MaxChars = 1024 * 1024;

    public static async Task<(string? Xml, ProblemHttpResult? Problem)> ReadAsync(HttpRequest request, IStringLocalizer<ApiResource> texts)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(texts);
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
            || !(type.MediaType.Equals("application/xml", StringComparison.OrdinalIgnoreCase) || type.MediaType.Equals("text/xml", StringComparison.OrdinalIgnoreCase)))
        {
            return (null, Invalid(texts, "Content-Type: application/xml"));
        }

        using var reader = new StreamReader(request.Body, type.Encoding ?? Encoding.UTF8);
        var buffer = new char[MaxChars + 1];
        var read = 0;
        int count;
        while (read < buffer.Length && (count = await reader.ReadAsync(buffer.AsMemory(read), request.HttpContext.RequestAborted)) > 0)
        {
            read += count;
        }

        if (read > MaxChars)
        {
            return (null, Invalid(texts, $"> {MaxChars} characters"));
        }

        var xml = new string(buffer, 0, read);
        return string.IsNullOrWhiteSpace(xml) ? (null, Invalid(texts, "empty")) : (xml, null);
    }

    /// <summary>Describes the XML body in the OpenAPI document (a string sent as application/xml).</summary>
    public static RouteHandlerBuilder AcceptsXml(this RouteHandlerBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddOpenApiOperationTransformer((operation, context, cancellationToken) =>
        {
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal)
                {
                    ["application/xml"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String } },
                },
            };
            return Task.CompletedTask;
        });
    }

    private static ProblemHttpResult Invalid(IStringLocalizer<ApiResource> texts, string detail) =>
        ApiProblems.Of(StatusCodes.Status400BadRequest, ApiErrorCodes.XmlBodyInvalid, texts[ApiErrorCodes.XmlBodyInvalid, detail]);
}
