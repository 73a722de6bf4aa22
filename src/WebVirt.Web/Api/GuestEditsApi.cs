using Microsoft.AspNetCore.Http.HttpResults;
using WebVirt.Contracts;
using WebVirt.Web.Agents.Gateway;

namespace WebVirt.Web.Api;

/// <summary>
/// Changes to a guest's CPUs, memory, boot order and notes, through the same gateway calls as the
/// guest page's hardware and notes cards. Each needs If-Match with the guest's ETag (see <see cref="ApiGuestVersion"/>)
/// and answers with the ETag the guest has afterwards.
/// </summary>
public static class GuestEditsApi
{
    private const string GuestPath = "/hosts/{hostId}/guests/{uuid}";

    public static RouteGroupBuilder MapGuestEditsApi(this RouteGroupBuilder api)
    {
        ApiGuestChange.Describe(api.MapPut(GuestPath + "/hardware/cpus", SetCpusAsync).WithName("UpdateGuestCpus")
            .WithSummary("Sets the guest's vCPUs: the maximum defined, how many are online, and optionally the topology (sockets × cores × threads = maximum)."))
            .AcceptsJson<ApiCpuChange>();
        ApiGuestChange.Describe(api.MapPut(GuestPath + "/hardware/memory", SetMemoryAsync).WithName("UpdateGuestMemory")
            .WithSummary("Sets the guest's memory in MiB: its maximum and its current size (through the balloon while it runs)."))
            .AcceptsJson<ApiMemoryChange>();
        ApiGuestChange.Describe(api.MapPut(GuestPath + "/hardware/boot", SetBootAsync).WithName("UpdateGuestBootOrder")
            .WithSummary("Sets the boot devices in order (hd, cdrom, network; each at most once) and whether the firmware shows its boot menu."))
            .AcceptsJson<ApiBootChange>();
        ApiGuestChange.Describe(api.MapPut(GuestPath + "/notes", SetNotesAsync).WithName("UpdateGuestNotes")
            .WithSummary("Replaces the guest's description and tags."))
            .AcceptsJson<ApiNotesChange>();
        return api;
    }

    private static Task<Results<Ok<ApiActionResult>, ProblemHttpResult>> SetCpusAsync([AsParameters] ApiGuestChange edit, IGuestHardwareGateway hardware) =>
        edit.ApplyAsync<ApiCpuChange>(
            body => body.Current is null ? "current" : body.Maximum is null ? "maximum" : null,
            (guest, body) => hardware.SetCpusAsync(guest, new GuestCpuChange(body.Current!.Value, body.Maximum!.Value, body.Sockets, body.Cores, body.Threads), edit.CancellationToken));

    private static Task<Results<Ok<ApiActionResult>, ProblemHttpResult>> SetMemoryAsync([AsParameters] ApiGuestChange edit, IGuestHardwareGateway hardware) =>
        edit.ApplyAsync<ApiMemoryChange>(
            body => body.CurrentMiB is null ? "currentMiB" : body.MaximumMiB is null ? "maximumMiB" : null,
            (guest, body) => hardware.SetMemoryAsync(guest, new GuestMemoryChange(body.CurrentMiB!.Value, body.MaximumMiB!.Value), edit.CancellationToken));

    private static Task<Results<Ok<ApiActionResult>, ProblemHttpResult>> SetBootAsync([AsParameters] ApiGuestChange edit, IGuestHardwareGateway hardware) =>
        edit.ApplyAsync<ApiBootChange>(
            body => body.Devices is null ? "devices" : null,
            (guest, body) => hardware.SetBootOrderAsync(guest, new GuestBootChange(body.Devices!, body.BootMenu), edit.CancellationToken));

    private static Task<Results<Ok<ApiActionResult>, ProblemHttpResult>> SetNotesAsync([AsParameters] ApiGuestChange edit) =>
        edit.ApplyAsync<ApiNotesChange>(
            body => body.Description is null ? "description" : null,
            (guest, body) => edit.GuestPage.SetGuestNotesAsync(guest, new GuestNotes(body.Description!, body.Tags ?? []), edit.CancellationToken));
}

/// <summary>vCPUs: <see cref="Maximum"/> defined, <see cref="Current"/> online; a topology is all three of sockets, cores and threads, or none.</summary>
public sealed record ApiCpuChange(int? Current, int? Maximum, int? Sockets = null, int? Cores = null, int? Threads = null);

/// <summary>Memory in MiB: the maximum and the current size.</summary>
public sealed record ApiMemoryChange(long? CurrentMiB, long? MaximumMiB);

/// <summary>Boot devices in order (hd, cdrom, network); <see cref="BootMenu"/> shows the firmware's menu.</summary>
public sealed record ApiBootChange(IReadOnlyList<string>? Devices, bool BootMenu = false);

/// <summary>The guest's description (may be empty) and its tags (none when left out).</summary>
public sealed record ApiNotesChange(string? Description, IReadOnlyList<string>? Tags = null);
