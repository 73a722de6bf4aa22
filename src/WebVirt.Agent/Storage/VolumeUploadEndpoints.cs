using Microsoft.AspNetCore.Http.Features;
using WebVirt.Agent.Failures;
using WebVirt.Agent.Hosting;
using WebVirt.Agent.Session;
using WebVirt.Agent.Tasks;
using WebVirt.Contracts;
using WebVirt.Domain.Storage;
using WebVirt.Libvirt;

namespace WebVirt.Agent.Storage;

/// <summary>
/// Streams a file the web relays from the browser into a new volume: the volume is created with
/// the request's Content-Length as capacity and filled through a libvirt stream one chunk at a
/// time, so memory use does not grow with the file. An aborted or failed upload deletes the
/// volume, so no half-written ISO is left looking usable. Name, size and the pool's free space are
/// checked before the first byte is read; the web asks with "Expect: 100-continue", so a refused
/// upload is never sent at all. The upload is a task that records its volume before creating it,
/// so an agent killed mid-upload removes the volume when it starts again.
/// </summary>
internal static partial class VolumeUploadEndpoints
{
    public const string TaskKind = "upload";

    public static IEndpointRouteBuilder MapVolumeUploadEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPut(StorageUpload.AgentPathTemplate, UploadAsync).RequireAuthorization();
        return app;
    }

    private static async Task<IResult> UploadAsync(
        string pool, string name, HttpContext context, LibvirtSession session, TaskTracker tasks, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger(typeof(VolumeUploadEndpoints));

        // An ISO is far bigger than Kestrel's 30 MB default, but never bigger than it says it is.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = context.Request.ContentLength ?? 0;
        }

        if (context.Request.ContentLength is not long length)
        {
            StopReading(context);
            return Results.Problem("Content-Length is required.", statusCode: StatusCodes.Status411LengthRequired);
        }

        string user = context.Request.Query["user"].ToString();
        LibvirtStorageVolume? volume = null;
        TaskHandle? task = null;
        string volumeName = "";
        try
        {
            var prepared = await ExceptionFailures.GuardAsync("upload", () => session.RunAsync(c =>
            {
                using var target = c.LookupStoragePoolByName(pool);
                var validated = VolumeValidator.ValidateUpload(new UploadSpec(name, length), StorageService.DomainInfoOf(target));
                volumeName = validated.Value?.Name ?? "";
                return validated.Value is null ? Refusals.Refused(validated.Problems) : ActionResult.Success;
            }, context.RequestAborted));
            if (!prepared.Ok)
            {
                StopReading(context);
                return Results.Json(prepared, AgentHttpJson.Default.ActionResult, statusCode: StatusCodes.Status422UnprocessableEntity);
            }

            task = await tasks.StartAsync(TaskKind, volumeName, user);
            await task.MakingAsync(TaskLeftover.Volume(pool, volumeName));
            await task.LogAsync(TaskText.Of(ErrorCodes.TaskUploading, TaskArguments.Bytes(length), pool, volumeName), 0);
            prepared = await ExceptionFailures.GuardAsync("upload", () => session.RunAsync(c =>
            {
                // Validated again in the same call as the create, so nothing made in between slips through.
                using var target = c.LookupStoragePoolByName(pool);
                var validated = VolumeValidator.ValidateUpload(new UploadSpec(name, length), StorageService.DomainInfoOf(target));
                if (validated.Value is not { } valid)
                {
                    return Refusals.Refused(validated.Problems);
                }

                volume = target.CreateVolumeXml(VolumeXmlBuilder.BuildString(valid));
                return ActionResult.Success;
            }, context.RequestAborted));
            if (!prepared.Ok)
            {
                StopReading(context);
                await task.RemovedAsync(TaskLeftover.Volume(pool, volumeName));
                await task.FailAsync(TaskText.Of(ErrorCodes.TaskUploadFailed).Because(TaskCauses.Of(prepared)));
                return Results.Json(prepared, AgentHttpJson.Default.ActionResult, statusCode: StatusCodes.Status422UnprocessableEntity);
            }

            Log.Started(logger, volume!.Name, pool, length);
            await volume.UploadAsync(context.Request.Body, 0, (ulong)length, progress: null, context.RequestAborted);
            Log.Finished(logger, volume.Name, pool);
            await task.ProgressAsync(length, 100);
            await task.SucceedAsync(TaskText.Of(ErrorCodes.TaskUploaded, volume.Name));
            return Results.Json(ActionResult.Success, AgentHttpJson.Default.ActionResult);
        }
        catch (Exception ex) when ((volume is not null || task is not null) && ex is OperationCanceledException or IOException or LibvirtException or BadHttpRequestException)
        {
            Log.Aborted(logger, volumeName, pool, ex.Message);
            if (volume is null)
            {
                // Stopped before the volume was made: nothing to delete.
                await task!.RemovedAsync(TaskLeftover.Volume(pool, volumeName));
            }
            else if (await DeleteQuietlyAsync(session, volume, logger) && task is not null)
            {
                await task.RemovedAsync(TaskLeftover.Volume(pool, volume.Name));
                await task.LogAsync(TaskText.Of(ErrorCodes.TaskPartialVolumeDeleted, volume.Name));
            }

            if (task is not null)
            {
                await task.FailAsync(TaskText.Of(ErrorCodes.TaskUploadFailed).Because(TaskCauses.Of(ex, "upload")));
            }

            return Results.Json(ActionResult.Fail(ErrorCodes.UploadAborted, volumeName), AgentHttpJson.Default.ActionResult, statusCode: StatusCodes.Status400BadRequest);
        }
        finally
        {
            volume?.Dispose();
        }
    }

    /// <summary>
    /// For a caller that sent the body without waiting for "100 Continue": the connection closes
    /// after the answer, and with the body's limit at zero Kestrel drains none of it.
    /// </summary>
    private static void StopReading(HttpContext context)
    {
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = 0;
        }

        context.Response.Headers.Connection = "close";
    }

    private static async Task<bool> DeleteQuietlyAsync(LibvirtSession session, LibvirtStorageVolume volume, ILogger logger)
    {
        try
        {
            // The request is gone; the clean-up must still run to the end.
            await session.RunAsync(_ => volume.Delete(), CancellationToken.None);
            return true;
        }
        catch (Exception ex) when (ex is LibvirtException or LibvirtUnavailableException)
        {
            Log.DeleteFailed(logger, volume.Name, ex.Message);
            return false;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 6201, Level = LogLevel.Information, Message = "Upload into {Volume} of pool {Pool} started ({Length} bytes)")]
        public static partial void Started(ILogger logger, string volume, string pool, long length);

        [LoggerMessage(EventId = 6202, Level = LogLevel.Information, Message = "Upload into {Volume} of pool {Pool} finished")]
        public static partial void Finished(ILogger logger, string volume, string pool);

        [LoggerMessage(EventId = 6203, Level = LogLevel.Warning, Message = "Upload into {Volume} of pool {Pool} aborted, deleting the volume: {Error}")]
        public static partial void Aborted(ILogger logger, string volume, string pool, string error);

        [LoggerMessage(EventId = 6204, Level = LogLevel.Error, Message = "Could not delete the partial volume {Volume}: {Error}")]
        public static partial void DeleteFailed(ILogger logger, string volume, string error);
    }
}
