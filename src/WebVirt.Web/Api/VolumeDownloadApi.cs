using Microsoft.AspNetCore.Http.HttpResults;
using WebVirt.Contracts;
using WebVirt.Web.Agents.Gateway;

namespace WebVirt.Web.Api;

/// <summary>
/// The Storage page's "download from a URL into a pool": the same gateway call as its dialog, so the
/// agent fetches the URL itself as a cancellable task (202 with the task) after checking the URL, the
/// name and the sum, and a refusal makes nothing.
/// </summary>
public static class VolumeDownloadApi
{
    public static RouteGroupBuilder MapVolumeDownloadApi(this RouteGroupBuilder api)
    {
        ApiHostChange.Describe(api.MapPost("/hosts/{hostId}/storage-pools/{pool}/downloads", StartAsync).WithName("StorageVolumeDownload")
            .WithSummary("The agent downloads url (http or https) into a new volume of the pool (name: the URL's file name if left out), checking it against checksum (a SHA-256 or SHA-512 hex sum) or the sum listed for it in the file at checksumUrl: 202 with the download task, which can be cancelled.")
            .Produces<AgentTaskInfo>(StatusCodes.Status202Accepted))
            .AcceptsJson<ApiVolumeDownload>();
        return api;
    }

    private static async Task<Results<Accepted<AgentTaskInfo>, ProblemHttpResult>> StartAsync(
        string pool, [AsParameters] ApiHostChange change, IStorageGateway storage, IInventoryGateway inventory)
    {
        if (await StorageApi.PoolProblemAsync(storage, change.Texts, change.HostId, pool, change.CancellationToken) is { } missing)
        {
            return missing;
        }

        var (body, invalid) = await ApiBodies.ReadAsync<ApiVolumeDownload>(change.Http.Request, change.Texts);
        if (body is null)
        {
            return invalid!;
        }

        if (string.IsNullOrWhiteSpace(body.Url))
        {
            return ApiBodies.Required(change.Texts, "url");
        }

        // As the dialog sends it: blank fields are left out, so the agent derives the name and checks no sum.
        var request = new StorageVolumeDownloadRequest(pool, body.Url.Trim(), Given(body.Name), "", Given(body.Checksum), Given(body.ChecksumUrl));
        var started = await storage.DownloadVolumeAsync(change.HostId, request, change.CancellationToken);
        return await TasksApi.StartedAsync(started, inventory, change.CancellationToken);
    }

    private static string? Given(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

/// <summary>
/// An image to download into a pool: <see cref="Url"/> (http or https), the volume's <see cref="Name"/>
/// (left out: the URL's file name), and at most one of <see cref="Checksum"/> (a SHA-256 or SHA-512 hex
/// sum) and <see cref="ChecksumUrl"/> (a SHA256SUMS-style file that lists the image's sum).
/// </summary>
public sealed record ApiVolumeDownload(string? Url, string? Name = null, string? Checksum = null, string? ChecksumUrl = null);
