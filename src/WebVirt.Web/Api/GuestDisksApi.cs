using Microsoft.AspNetCore.Http.HttpResults;
using WebVirt.Contracts;
using WebVirt.Web.Agents.Gateway;

namespace WebVirt.Web.Api;

/// <summary>
/// A guest's disks and CD-ROM drives, through the same gateway calls as the guest page's disks card:
/// add (a new volume, an existing one, or a CD-ROM drive), resize, change a CD-ROM's medium, change
/// bus and cache, remove. Each needs If-Match with the guest's ETag and answers with the new one.
/// </summary>
public static class GuestDisksApi
{
    private const string DisksPath = "/hosts/{hostId}/guests/{uuid}/hardware/disks";

    public static RouteGroupBuilder MapGuestDisksApi(this RouteGroupBuilder api)
    {
        ApiGuestChange.Describe(api.MapPost(DisksPath, AddAsync).WithName("GuestDiskAdd")
            .WithSummary("Adds a disk: a new volume made in a pool (sizeBytes, format qcow2 or raw), an existing volume, or a CD-ROM drive (with an ISO volume, or empty)."))
            .AcceptsJson<ApiDiskAdd>();
        ApiGuestChange.Describe(api.MapPut(DisksPath + "/{target}/size", ResizeAsync).WithName("GuestDiskResize")
            .WithSummary("Grows the disk's volume to sizeBytes (never shrinks it); a running guest sees the new size at once."))
            .AcceptsJson<ApiDiskResize>();
        ApiGuestChange.Describe(api.MapPut(DisksPath + "/{target}/media", ChangeMediaAsync).WithName("GuestMediaChange")
            .WithSummary("Inserts the ISO volume (pool and volume) into the CD-ROM drive, or ejects its medium when both are left out."))
            .AcceptsJson<ApiDiskMedia>();
        ApiGuestChange.Describe(api.MapPut(DisksPath + "/{target}/settings", ChangeSettingsAsync).WithName("GuestDiskSettingsChange")
            .WithSummary("Changes the disk's bus (virtio, sata, scsi, ide) and cache mode (none, writeback, …); applies at the next boot."))
            .AcceptsJson<ApiDiskSettings>();
        ApiGuestChange.Describe(api.MapDelete(DisksPath + "/{target}", RemoveAsync).WithName("GuestDiskRemove")
            .WithSummary("Detaches the disk; with deleteVolume=true its volume is deleted too, unless another guest uses it."));
        return api;
    }

    private static Task<Results<Ok<ApiActionResult>, ProblemHttpResult>> AddAsync([AsParameters] ApiGuestChange edit, IGuestHardwareGateway hardware) =>
        edit.ApplyAsync<ApiDiskAdd>(
            body => body.Kind is null ? "kind" : null,
            (guest, body) => hardware.AddDiskAsync(guest,
                new GuestDiskAdd(body.Kind!.Value, body.Pool, body.Volume, body.SizeBytes ?? 0, body.Format ?? "qcow2", body.Bus, body.Cache), edit.CancellationToken));

    private static Task<Results<Ok<ApiActionResult>, ProblemHttpResult>> ResizeAsync(
        string target, [AsParameters] ApiGuestChange edit, IGuestHardwareGateway hardware) =>
        edit.ApplyAsync<ApiDiskResize>(
            body => body.SizeBytes is null ? "sizeBytes" : null,
            (guest, body) => hardware.ResizeDiskAsync(guest, target, body.SizeBytes!.Value, edit.CancellationToken),
            ApiGuestDevice.Disk(target));

    private static Task<Results<Ok<ApiActionResult>, ProblemHttpResult>> ChangeMediaAsync(
        string target, [AsParameters] ApiGuestChange edit, IGuestHardwareGateway hardware) =>
        edit.ApplyAsync<ApiDiskMedia>(
            _ => null,
            (guest, body) => hardware.ChangeMediaAsync(guest, target, body.Pool, body.Volume, edit.CancellationToken),
            ApiGuestDevice.Disk(target));

    private static Task<Results<Ok<ApiActionResult>, ProblemHttpResult>> ChangeSettingsAsync(
        string target, [AsParameters] ApiGuestChange edit, IGuestHardwareGateway hardware) =>
        edit.ApplyAsync<ApiDiskSettings>(
            _ => null,
            (guest, body) => hardware.ChangeDiskSettingsAsync(guest, target, body.Bus, body.Cache, edit.CancellationToken),
            ApiGuestDevice.Disk(target));

    private static async Task<Results<Ok<ApiActionResult>, ProblemHttpResult>> RemoveAsync(
        string target, [AsParameters] ApiGuestChange edit, IGuestHardwareGateway hardware, string? deleteVolume = null)
    {
        // Parsed here rather than bound as a bool, so a wrong value gets a problem with a code instead of a bare 400.
        if (edit.ParseFlag(nameof(deleteVolume), deleteVolume, false, out var withVolume) is { } invalid)
        {
            return invalid;
        }

        return await edit.ApplyAsync(guest => hardware.RemoveDiskAsync(guest, target, withVolume, edit.CancellationToken), ApiGuestDevice.Disk(target));
    }
}

/// <summary>
/// A disk to add. <see cref="Kind"/> NewVolume makes a volume of <see cref="SizeBytes"/> in <see cref="Pool"/>
/// (<see cref="Format"/> qcow2, the default, or raw); ExistingVolume attaches <see cref="Pool"/>/<see cref="Volume"/>;
/// Cdrom adds a drive with that ISO volume, or empty when both are left out. <see cref="Bus"/> and
/// <see cref="Cache"/> are libvirt's words; left out, the defaults.
/// </summary>
public sealed record ApiDiskAdd(
    GuestDiskSourceKind? Kind, string? Pool = null, string? Volume = null, long? SizeBytes = null, string? Format = null, string? Bus = null, string? Cache = null);

/// <summary>The disk's new virtual size in bytes.</summary>
public sealed record ApiDiskResize(long? SizeBytes);

/// <summary>The ISO volume to insert; both left out ejects the medium.</summary>
public sealed record ApiDiskMedia(string? Pool = null, string? Volume = null);

/// <summary>The disk's bus and cache mode; one left out keeps what the disk has.</summary>
public sealed record ApiDiskSettings(string? Bus = null, string? Cache = null);
