using WebVirt.Agent.Failures;
using WebVirt.Agent.Hosting;
using WebVirt.Agent.Session;
using WebVirt.Contracts;
using WebVirt.Libvirt;

namespace WebVirt.Agent.Storage;

/// <summary>
/// Streams a volume's content to the web, which relays it to its client: read through a libvirt
/// stream one chunk at a time, so memory use does not grow with the volume. The length is sent
/// first (the file's size, or a block device's capacity), so the client knows when it has all of it.
/// </summary>
internal static partial class VolumeContentEndpoints
{
    public static IEndpointRouteBuilder MapVolumeContentEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet(StorageContent.AgentPathTemplate, DownloadAsync).RequireAuthorization();
        return app;
    }

    private static async Task DownloadAsync(string pool, string name, HttpContext context, LibvirtSession session, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger(typeof(VolumeContentEndpoints));
        LibvirtStorageVolume? volume = null;
        long length = 0;
        var opened = await ExceptionFailures.GuardAsync("download-content", () => session.RunAsync(c =>
        {
            using var source = c.LookupStoragePoolByName(pool);
            volume = source.LookupVolumeByName(name);
            length = LengthOf(volume);
            return ActionResult.Success;
        }, context.RequestAborted));
        if (!opened.Ok)
        {
            volume?.Dispose();
            await Results.Json(opened, AgentHttpJson.Default.ActionResult, statusCode: StatusCodes.Status422UnprocessableEntity).ExecuteAsync(context);
            return;
        }

        using (volume)
        {
            context.Response.ContentType = "application/octet-stream";
            context.Response.ContentLength = length;
            Log.Started(logger, name, pool, length);
            try
            {
                if (length > 0)
                {
                    await volume!.DownloadAsync(context.Response.Body, 0, (ulong)length, progress: null, context.RequestAborted);
                }

                Log.Finished(logger, name, pool);
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException or LibvirtException)
            {
                // The headers are gone: the web sees the body end short and breaks off its own answer.
                Log.Aborted(logger, name, pool, ex.Message);
                context.Abort();
            }
        }
    }

    /// <summary>A file's size (a qcow2 file is smaller than its capacity); a block device's capacity.</summary>
    private static long LengthOf(LibvirtStorageVolume volume)
    {
        var file = new FileInfo(volume.GetPath());
        return file.Exists ? file.Length : (long)volume.GetInfo().CapacityBytes;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 6211, Level = LogLevel.Information, Message = "Download of {Volume} of pool {Pool} started ({Length} bytes)")]
        public static partial void Started(ILogger logger, string volume, string pool, long length);

        [LoggerMessage(EventId = 6212, Level = LogLevel.Information, Message = "Download of {Volume} of pool {Pool} finished")]
        public static partial void Finished(ILogger logger, string volume, string pool);

        [LoggerMessage(EventId = 6213, Level = LogLevel.Warning, Message = "Download of {Volume} of pool {Pool} broke off: {Error}")]
        public static partial void Aborted(ILogger logger, string volume, string pool, string error);
    }
}
