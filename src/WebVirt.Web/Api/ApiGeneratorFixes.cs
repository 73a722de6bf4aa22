using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace WebVirt.Web.Api;

/// <summary>
/// What the OpenAPI document needs so that client generators (NSwag, Kiota) accept it, proven by
/// the test that generates a client from it and drives a guest with that client:
/// <list type="bullet">
/// <item>A body of several kinds (the create body) came out inline, its discriminator mapping each
/// kind to a component that did not exist: it becomes a component of its own (the base, holding
/// the discriminator) and each kind a component made of the base and its own fields (allOf), the
/// form generators turn into a base class and its subclasses.</item>
/// <item>Numbers were described as "integer or a string of digits" (the JSON options read either):
/// generators make such a field an untyped object. The document says integer; strings of digits are
/// still read.</item>
/// <item>Enums (read and written as their names) came without a type: generators took them for
/// numbers. They are strings.</item>
/// <item>A body's defaults were not in the document (a generated model started with zeros and
/// nulls, and a guest with 0 vCPUs): each property that has one declares it.</item>
/// <item>The changes that need If-Match (those that may answer 428) declare it as a header
/// parameter, so a generated client can send it.</item>
/// </list>
/// </summary>
internal sealed class ApiGeneratorFixes : IOpenApiDocumentTransformer, IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schema);
        if (schema.Type is { } type && schema.Pattern is not null && type.HasFlag(JsonSchemaType.String)
            && (type.HasFlag(JsonSchemaType.Integer) || type.HasFlag(JsonSchemaType.Number)))
        {
            schema.Type = type & ~JsonSchemaType.String;
            schema.Pattern = null;
        }

        DeclareDefaults(schema, context);
        if (schema.Type is null && schema.Enum is { Count: > 0 } values && values.All(v => v is null || v.GetValueKind() == System.Text.Json.JsonValueKind.String))
        {
            schema.Type = values.Any(v => v is null) ? JsonSchemaType.String | JsonSchemaType.Null : JsonSchemaType.String;
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// A body's defaults (the wizard's: one vCPU, q35, virtio …), read from a new instance of the
    /// body's type, so a generated model starts with them instead of zeros and nulls.
    /// </summary>
    private static void DeclareDefaults(OpenApiSchema schema, OpenApiSchemaTransformerContext context)
    {
        if (context.JsonPropertyInfo is not null || context.JsonTypeInfo is not { Kind: JsonTypeInfoKind.Object } info
            || schema.Properties is not { Count: > 0 } properties || info.Type.IsAbstract
            || info.Type.Namespace?.StartsWith("WebVirt.", StringComparison.Ordinal) != true
            || info.Type.GetConstructor(Type.EmptyTypes) is not { } constructor)
        {
            return;
        }

        var instance = constructor.Invoke(null);
        foreach (var property in info.Properties)
        {
            if (property.Get?.Invoke(instance) is not { } value || !properties.TryGetValue(property.Name, out var declared)
                || declared is not OpenApiSchema { Default: null } target
                || (property.PropertyType.IsValueType && value.Equals(Activator.CreateInstance(property.PropertyType))))
            {
                continue;
            }

            target.Default = JsonSerializer.SerializeToNode(value, property.PropertyType, info.Options);
        }
    }

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        foreach (var operation in (document.Paths ?? []).Values.SelectMany(path => path.Operations ?? []).Select(pair => pair.Value))
        {
            if (operation.Responses?.ContainsKey("428") == true && operation.Parameters?.Any(p => p.Name == "If-Match") != true)
            {
                operation.Parameters ??= [];
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = "If-Match",
                    In = ParameterLocation.Header,
                    Required = true,
                    Description = "The guest's ETag as its GET sent it, or * for whatever the guest is now.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                });
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// The schema to use for a request body: <paramref name="body"/> itself, or for a body of several
    /// kinds a reference to the base component <paramref name="name"/>, its kinds made components.
    /// </summary>
    public static IOpenApiSchema ForBody(OpenApiDocument? document, string name, IOpenApiSchema body)
    {
        if (document is null || body is not OpenApiSchema { Discriminator: { PropertyName: { } property, Mapping: { Count: > 0 } mapping } } choice)
        {
            return body;
        }

        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal);
        var schemas = document.Components.Schemas;
        if (!schemas.ContainsKey(name))
        {
            schemas[name] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Description = choice.Description,
                Required = new HashSet<string>(StringComparer.Ordinal) { property },
                Properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal)
                {
                    [property] = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [.. mapping.Keys.Select(key => (JsonNode)JsonValue.Create(key))] },
                },
                Discriminator = new OpenApiDiscriminator
                {
                    PropertyName = property,
                    Mapping = mapping.ToDictionary(pair => pair.Key, pair => new OpenApiSchemaReference(pair.Value.Reference.Id!, document), StringComparer.Ordinal),
                },
            };
            foreach (var kind in (choice.AnyOf ?? []).Concat(choice.OneOf ?? []).OfType<OpenApiSchema>())
            {
                if (kind.Properties?.TryGetValue(property, out var tag) != true || tag?.Enum is not [{ } value]
                    || !mapping.TryGetValue(value.GetValue<string>(), out var target) || target.Reference.Id is not { } id)
                {
                    continue;
                }

                // The discriminator is the base's; a kind that declared it again would be written twice.
                kind.Properties!.Remove(property);
                kind.Required?.Remove(property);
                schemas[id] = new OpenApiSchema { AllOf = [new OpenApiSchemaReference(name, document), kind], Description = kind.Description };
            }
        }

        return new OpenApiSchemaReference(name, document);
    }
}
