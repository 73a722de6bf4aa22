using System.Text.Json;
using WebVirt.Api.Tests.Infrastructure;

namespace WebVirt.Api.Tests;

/// <summary>The OpenAPI document names and describes the snapshot, provisioning, hardware, storage and network endpoints, bodies included (the create body as a choice of sources).</summary>
[Collection(ApiCollection.Name)]
public sealed class ApiDocumentTests(ApiFixture api)
{
    public static TheoryData<string, string, string> Operations { get; } = new()
    {
        { "/api/v1/hosts/{hostId}/guests/{uuid}/snapshots", "get", "ListSnapshots" },
        { "/api/v1/hosts/{hostId}/guests/{uuid}/snapshots", "post", "CreateSnapshot" },
        { "/api/v1/hosts/{hostId}/guests/{uuid}/snapshots/{name}", "get", "ShowSnapshot" },
        { "/api/v1/hosts/{hostId}/guests/{uuid}/snapshots/{name}", "delete", "DeleteSnapshot" },
        { "/api/v1/hosts/{hostId}/guests/{uuid}/snapshots/{name}/revert", "post", "RevertSnapshot" },
        { "/api/v1/hosts/{hostId}/guests", "post", "GuestCreate" },
        { "/api/v1/hosts/{hostId}/guests/preview", "post", "GuestCreatePreview" },
        { "/api/v1/hosts/{hostId}/guests/{uuid}/clone", "post", "GuestClone" },
        { "/api/v1/hosts/{hostId}/guests/{uuid}/delete-plan", "get", "ShowGuestDeletePlan" },
        { "/api/v1/hosts/{hostId}/guests/{uuid}", "delete", "GuestDelete" },
        { "/api/v1/hosts/{hostId}/guests/{uuid}/mark-template", "post", "MarkGuestAsTemplate" },
        { "/api/v1/hosts/{hostId}/guests/{uuid}/unmark-template", "post", "UnmarkGuestAsTemplate" },
        { "/api/v1/tasks/{taskId}/cancel", "post", "CancelTask" },
        { "/api/v1/hosts/{hostId}/networks/{network}/boot", "put", "NetworkBootSet" },
        { "/api/v1/hosts/{hostId}/guests/{uuid}/hardware/cpus", "put", "UpdateGuestCpus" },
        { "/api/v1/hosts/{hostId}/guests/{uuid}/hardware/memory", "put", "UpdateGuestMemory" },
        { "/api/v1/hosts/{hostId}/guests/{uuid}/notes", "put", "UpdateGuestNotes" },
        { "/api/v1/hosts/{hostId}/guests/{uuid}/hardware/boot", "put", "UpdateGuestBootOrder" },
        { "/api/v1/hosts/{hostId}/guests/{uuid}/hardware/disks", "post", "GuestDiskAdd" },
        { "/api/v1/hosts/{hostId}/guests/{uuid}/hardware/disks/{target}/size", "put", "GuestDiskResize" },
        { "/api/v1/hosts/{hostId}/guests/{uuid}/hardware/disks/{target}/media", "put", "GuestMediaChange" },
        { "/api/v1/hosts/{hostId}/guests/{uuid}/hardware/disks/{target}/settings", "put", "GuestDiskSettingsChange" },
        { "/api/v1/hosts/{hostId}/guests/{uuid}/hardware/disks/{target}", "delete", "GuestDiskRemove" },
        { "/api/v1/hosts/{hostId}/guests/{uuid}/hardware/nics", "post", "GuestNicAdd" },
        { "/api/v1/hosts/{hostId}/guests/{uuid}/hardware/nics/{mac}", "put", "GuestNicUpdate" },
        { "/api/v1/hosts/{hostId}/guests/{uuid}/hardware/nics/{mac}/link", "put", "GuestNicLinkSet" },
        { "/api/v1/hosts/{hostId}/guests/{uuid}/hardware/nics/{mac}", "delete", "GuestNicRemove" },
        { "/api/v1/hosts/{hostId}/storage-pools", "get", "ListStoragePools" },
        { "/api/v1/hosts/{hostId}/storage-pools/{pool}", "get", "ShowStoragePool" },
        { "/api/v1/hosts/{hostId}/storage-pools/{pool}/volumes", "get", "ListStorageVolumes" },
        { "/api/v1/hosts/{hostId}/storage-pools/{pool}/volumes/{volume}", "get", "ShowStorageVolume" },
        { "/api/v1/hosts/{hostId}/networks", "get", "ListNetworks" },
        { "/api/v1/hosts/{hostId}/networks/{network}", "get", "ShowNetwork" },
        { "/api/v1/hosts/{hostId}/storage-pools/{pool}/downloads", "post", "StorageVolumeDownload" },
        { "/api/v1/hosts/{hostId}/storage-pools/{pool}/shared", "put", "SetStoragePoolShared" },
        { "/api/v1/hosts/{hostId}/migration-address", "put", "SetHostMigrationAddress" },
        { "/api/v1/hosts/{hostId}/emulation", "put", "SetHostEmulation" },
        { "/api/v1/hosts/{hostId}/usage", "get", "ShowHostUsage" },
        { "/api/v1/hosts/{hostId}/guests/{uuid}/usage", "get", "ShowGuestUsage" },
        { "/api/v1/hosts/{hostId}", "delete", "HostRemove" },
        { "/api/v1/hosts/{hostId}/evacuate", "post", "EvacuateHost" },
        { "/api/v1/migrations/batches", "post", "StartMigrationBatch" },
        { "/api/v1/migrations/batches/{batchId}", "get", "ShowMigrationBatch" },
        { "/api/v1/migrations/batches/{batchId}/cancel", "post", "CancelMigrationBatch" },
    };

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task Each_operation_has_its_name_a_summary_and_its_problem_answers(string path, string method, string operationId)
    {
        using var client = api.Client(null);
        var document = await Problems.JsonAsync(await client.GetAsync("/api/v1/openapi.json"));

        Assert.True(document.GetProperty("paths").TryGetProperty(path, out var item), $"{path} is not in the document.");
        Assert.True(item.TryGetProperty(method, out var operation), $"{path} has no {method}.");
        Assert.Equal(operationId, operation.GetProperty("operationId").GetString());
        Assert.False(string.IsNullOrWhiteSpace(operation.GetProperty("summary").GetString()));
        var responses = operation.GetProperty("responses");
        Assert.True(responses.TryGetProperty("403", out _));
        Assert.True(responses.TryGetProperty("404", out _));
        if (method is "put" or "delete" && (path == "/api/v1/hosts/{hostId}/guests/{uuid}" || path.Contains("/hardware/", StringComparison.Ordinal) || path.EndsWith("/notes", StringComparison.Ordinal)))
        {
            Assert.True(responses.TryGetProperty("412", out _) && responses.TryGetProperty("428", out _), $"{path} does not say it needs If-Match.");
        }

        if (method is "post" or "put" && operation.TryGetProperty("requestBody", out var body))
        {
            Assert.Equal(JsonValueKind.Object, body.GetProperty("content").GetProperty("application/json").GetProperty("schema").ValueKind);
        }
    }

    [Theory]
    [InlineData("/api/v1/hosts/{hostId}/guests/{uuid}/snapshots", "name", "description", "includeMemory")]
    [InlineData("/api/v1/hosts/{hostId}/guests/{uuid}/clone", "name", "start", "linked")]
    [InlineData("/api/v1/hosts/{hostId}/storage-pools/{pool}/downloads", "url", "name", "checksum", "checksumUrl")]
    [InlineData("/api/v1/hosts/{hostId}/evacuate", "destinationHostId", "copyStorage", "destinationPool", "bandwidthMiBps")]
    [InlineData("/api/v1/migrations/batches", "guests", "destinationHostId", "live", "copyStorage", "destinationPool", "bandwidthMiBps")]
    public async Task Bodies_are_described_with_their_fields(string path, params string[] fields)
    {
        using var client = api.Client(null);
        var document = await Problems.JsonAsync(await client.GetAsync("/api/v1/openapi.json"));
        var schema = document.GetProperty("paths").GetProperty(path).GetProperty("post").GetProperty("requestBody")
            .GetProperty("content").GetProperty("application/json").GetProperty("schema");
        var properties = schema.GetProperty("properties").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Subset(properties.ToHashSet(), fields.ToHashSet());
    }

    [Theory]
    [InlineData("/api/v1/hosts/{hostId}/guests")]
    [InlineData("/api/v1/hosts/{hostId}/guests/preview")]
    public async Task The_create_body_is_one_of_the_sources_told_apart_by_its_discriminator(string path)
    {
        using var client = api.Client(null);
        var document = await Problems.JsonAsync(await client.GetAsync("/api/v1/openapi.json"));
        var schema = document.GetProperty("paths").GetProperty(path).GetProperty("post").GetProperty("requestBody")
            .GetProperty("content").GetProperty("application/json").GetProperty("schema");
        if (schema.TryGetProperty("$ref", out var reference))
        {
            schema = document.GetProperty("components").GetProperty("schemas").GetProperty(reference.GetString()!.Split('/')[^1]);
        }

        var discriminator = schema.GetProperty("discriminator");
        Assert.Equal("source", discriminator.GetProperty("propertyName").GetString());
        Assert.Equal(["CloudImage", "ImportDisk", "IsoVolume", "NetworkInstall", "Pxe", "Template"],
            discriminator.GetProperty("mapping").EnumerateObject().Select(m => m.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Adding_a_host_takes_its_body_as_a_component_and_answers_201_with_the_host()
    {
        using var client = api.Client(null);
        var document = await Problems.JsonAsync(await client.GetAsync("/api/v1/openapi.json"));
        var operation = document.GetProperty("paths").GetProperty("/api/v1/hosts").GetProperty("post");

        Assert.Equal("HostEnrol", operation.GetProperty("operationId").GetString());
        var reference = operation.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString();
        Assert.Equal("#/components/schemas/ApiHostEnrol", reference);
        var body = document.GetProperty("components").GetProperty("schemas").GetProperty("ApiHostEnrol").GetProperty("properties");
        Assert.Equal(["address", "code", "name"], body.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        var responses = operation.GetProperty("responses");
        Assert.True(responses.TryGetProperty("201", out _) && responses.TryGetProperty("400", out _) && responses.TryGetProperty("403", out _));
    }
}
