using Microsoft.AspNetCore.Http.Features;
using WebVirt.Agent.Libvirt;
using WebVirt.Contracts;
using WebVirt.Domain.Storage;
using WebVirt.Libvirt;

namespace WebVirt.Agent.Resources;

/// <summary>
/// Streams a file the web relays from the browser into a new volume: the volume is created with
/// the request's Content-Length as capacity and filled through a libvirt stream one chunk at a
/// time, so memory use does not grow with the file. An aborted or failed upload deletes the
/// volume, so no half-written ISO is left looking usable. Name, size and the pool's free space are
/// checked before the first byte is read; the web asks with "Expect: 100-continue", so a refused
/// upload is never sent at all.
/// </summary>
internal static partial class VolumeUploadEndpoints
{
    public static IEndpointRouteBuilder MapVolumeUploadEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPut(StorageUpload.AgentPathTemplate, UploadAsync).RequireAuthorization();
        return app;
    }

    private static async Task<IResult> UploadAsync(
        string pool, string name, HttpContext context, LibvirtSession session, ILoggerFactory loggers)
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

        string culture = context.Request.Query["culture"].ToString();
        LibvirtStorageVolume? volume = null;
        try
        {
            var prepared = await ResourceResults.GuardAsync(() => session.RunAsync(c =>
            {
                using var target = c.LookupStoragePoolByName(pool);
                var validated = VolumeValidator.ValidateUpload(new UploadSpec(name, length), StorageService.DomainInfoOf(target));
                if (validated.Value is not { } valid)
                {
                    return ResourceResults.Refused(validated.Problems, culture);
                }

                volume = target.CreateVolumeXml(VolumeXmlBuilder.BuildString(valid));
                return ActionResult.Success;
            }, context.RequestAborted));
            if (!prepared.Ok)
            {
                StopReading(context);
                return Results.Json(prepared, statusCode: StatusCodes.Status422UnprocessableEntity);
            }

            Log.Started(logger, volume!.Name, pool, length);
            await volume.UploadAsync(context.Request.Body, 0, (ulong)length, progress: null, context.RequestAborted);
            Log.Finished(logger, volume.Name, pool);
            return Results.Json(ActionResult.Success);
        }
        catch (Exception ex) when (volume is not null && ex is OperationCanceledException or IOException or LibvirtException or BadHttpRequestException)
        {
            Log.Aborted(logger, volume.Name, pool, ex.Message);
            await DeleteQuietlyAsync(session, volume, logger);
            return Results.Json(ActionResult.Fail("WEBVIRT_UPLOAD_ABORTED", ex.Message), statusCode: StatusCodes.Status400BadRequest);
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

    private static async Task DeleteQuietlyAsync(LibvirtSession session, LibvirtStorageVolume volume, ILogger logger)
    {
        try
        {
            // The request is gone; the clean-up must still run to the end.
            await session.RunAsync(_ => volume.Delete(), CancellationToken.None);
        }
        catch (Exception ex) when (ex is LibvirtException or LibvirtUnavailableException)
        {
            Log.DeleteFailed(logger, volume.Name, ex.Message);
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
