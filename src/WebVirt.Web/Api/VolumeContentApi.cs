using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using WebVirt.Contracts;
using WebVirt.Web.Agents;
using WebVirt.Web.Agents.Gateway;
using WebVirt.Web.Audit;
using WebVirt.Web.Resources;
using WebVirt.Web.Security;
using WebVirt.Web.Security.Rights;
using WebVirt.Web.Storage;

namespace WebVirt.Web.Api;

/// <summary>
/// A volume's content. Downloaded: streamed from the agent as it is read (<see cref="AgentDownloadRelay"/>),
/// with its Content-Length, for the same right as the upload (a volume may hold a guest's disk).
/// Uploaded as the request body, streamed to the agent as it arrives (never
/// buffered) through the relay the Storage page's upload uses: the same right (ManageStorage), the
/// same checks of name, size and free space by the agent before a byte is read, the same deletion of
/// a volume whose upload broke off, and the same audit record (naming the token).
/// </summary>
public static class VolumeContentApi
{
    private const string DownloadAction = "download-volume-content";
    private const string ContentPath = "/hosts/{hostId}/storage-pools/{pool}/volumes/{volume}/content";

    public static RouteGroupBuilder MapVolumeContentApi(this RouteGroupBuilder api)
    {
        api.MapPut(ContentPath, UploadAsync).WithName("UploadStorageVolume")
            .WithSummary("Creates the volume from the request body (application/octet-stream, Content-Length required), streamed to the host; an ISO or a disk image, as the Storage page's upload.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status411LengthRequired).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        api.MapGet(ContentPath, DownloadAsync).WithName("DownloadVolumeContent")
            .WithSummary("The volume's content (application/octet-stream, with Content-Length), streamed from the host as it is read; the file as the pool holds it (a qcow2 image stays qcow2).")
            .Produces<Stream>(StatusCodes.Status200OK, "application/octet-stream")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return api;
    }

    private static async Task<Results<Created<ApiActionResult>, ProblemHttpResult>> UploadAsync(
        string hostId, string pool, string volume, HttpContext http, IStorageGateway storage, AgentDirectory agents, IHttpClientFactory clients,
        AuditLog audit, RightsEvaluator rights, IStringLocalizer<ApiResource> texts)
    {
        AgentUploadRelay.LimitBody(http);
        var userName = http.User.Identity?.Name ?? "";
        var note = ApiTokenClaims.AuditNote(ApiTokenClaims.TokenNameOf(http.User) ?? "");
        var target = $"{pool}/{volume}";
        if (http.Request.ContentLength is not long length)
        {
            return await RefuseAsync(http, audit, hostId, target, note, ActionResult.Fail(ErrorCodes.UploadNoLength));
        }

        if (!(await rights.ForAsync(http.User, http.RequestAborted)).AllowsPool(Permission.ManageStorage, hostId, pool))
        {
            // The storage page's rule (manage storage on the pool, its host or everything); worded as the gateway words its refusal: who may not do what.
            return await RefuseAsync(http, audit, hostId, target, note,
                ActionResult.Fail(Failure.Of(ErrorCodes.Forbidden, userName, UploadEndpoints.Action).WithHint(HintKeys.Forbidden)));
        }

        if (await StorageApi.PoolProblemAsync(storage, texts, hostId, pool, http.RequestAborted) is { } missing)
        {
            AgentUploadRelay.StopReading(http);
            return missing;
        }

        var (result, _) = await AgentUploadRelay.SendAsync(http, agents, clients, hostId, pool, volume, userName, length);
        await AgentUploadRelay.RecordAsync(audit, userName, hostId, target, result, note);
        if (!result.Ok)
        {
            AgentUploadRelay.StopReading(http);
            return ApiProblems.From(result);
        }

        return TypedResults.Created($"{ApiSetup.BasePath}/{ApiSetup.Version}/hosts/{Uri.EscapeDataString(hostId)}/storage-pools/{Uri.EscapeDataString(pool)}/volumes/{Uri.EscapeDataString(volume)}",
            new ApiActionResult(true, null));
    }

    private static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> DownloadAsync(
        string hostId, string pool, string volume, HttpContext http, IStorageGateway storage, AgentDirectory agents, IHttpClientFactory clients,
        RightsEvaluator rights, IStringLocalizer<ApiResource> texts)
    {
        if (!(await rights.ForAsync(http.User, http.RequestAborted)).AllowsPool(Permission.ManageStorage, hostId, pool))
        {
            return ApiProblems.From(ActionResult.Fail(Failure.Of(ErrorCodes.Forbidden, http.User.Identity?.Name ?? "", DownloadAction).WithHint(HintKeys.Forbidden)));
        }

        if (await StorageApi.VolumeProblemAsync(storage, texts, hostId, pool, volume, http.RequestAborted) is { } missing)
        {
            return missing;
        }

        var opened = await AgentDownloadRelay.OpenAsync(agents, clients, hostId, pool, volume, http.RequestAborted);
        if (opened.Response is null)
        {
            return ApiProblems.From(opened.Result);
        }

        http.Response.RegisterForDispose(opened);
        http.Response.ContentLength = opened.Length;
        return TypedResults.Stream(await opened.Response.Content.ReadAsStreamAsync(http.RequestAborted), "application/octet-stream", volume);
    }

    private static async Task<ProblemHttpResult> RefuseAsync(HttpContext http, AuditLog audit, string hostId, string target, string note, ActionResult refusal)
    {
        AgentUploadRelay.StopReading(http);
        await AgentUploadRelay.RecordAsync(audit, http.User.Identity?.Name ?? "", hostId, target, refusal, note);
        return ApiProblems.From(refusal);
    }
}
