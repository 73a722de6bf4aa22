using Microsoft.AspNetCore.Http.HttpResults;
using WebVirt.Contracts;
using WebVirt.Web.Agents.Gateway;

namespace WebVirt.Web.Api;

/// <summary>
/// A guest's network cards, through the same gateway calls as the guest page's NICs card: add,
/// change network or bridge and model, set the link up or down, remove. A card is named by its MAC
/// address. Each needs If-Match with the guest's ETag and answers with the new one.
/// </summary>
public static class GuestNicsApi
{
    private const string NicsPath = "/hosts/{hostId}/guests/{uuid}/hardware/nics";

    public static RouteGroupBuilder MapGuestNicsApi(this RouteGroupBuilder api)
    {
        ApiGuestChange.Describe(api.MapPost(NicsPath, AddAsync).WithName("GuestNicAdd")
            .WithSummary("Adds a network card on a libvirt network or a host bridge (sourceType network or bridge), of a model (virtio by default), with a MAC address or a fresh one."))
            .AcceptsJson<ApiNicChange>();
        ApiGuestChange.Describe(api.MapPut(NicsPath + "/{mac}", UpdateAsync).WithName("GuestNicUpdate")
            .WithSummary("Moves the card to another network or bridge and sets its model; a running guest gets the new model at its next boot."))
            .AcceptsJson<ApiNicChange>();
        ApiGuestChange.Describe(api.MapPut(NicsPath + "/{mac}/link", SetLinkAsync).WithName("GuestNicLinkSet")
            .WithSummary("Sets the card's link up or down, as pulling its cable would."))
            .AcceptsJson<ApiNicLink>();
        ApiGuestChange.Describe(api.MapDelete(NicsPath + "/{mac}", RemoveAsync).WithName("GuestNicRemove")
            .WithSummary("Removes the card (unplugged from a running guest)."));
        return api;
    }

    private static Task<Results<Ok<ApiActionResult>, ProblemHttpResult>> AddAsync([AsParameters] ApiGuestChange edit, IGuestHardwareGateway hardware) =>
        edit.ApplyAsync<ApiNicChange>(MissingField, (guest, body) => hardware.AddNicAsync(guest, ToChange(body), edit.CancellationToken));

    private static Task<Results<Ok<ApiActionResult>, ProblemHttpResult>> UpdateAsync(
        string mac, [AsParameters] ApiGuestChange edit, IGuestHardwareGateway hardware) =>
        edit.ApplyAsync<ApiNicChange>(MissingField, (guest, body) => hardware.UpdateNicAsync(guest, mac, ToChange(body), edit.CancellationToken), ApiGuestDevice.Nic(mac));

    private static Task<Results<Ok<ApiActionResult>, ProblemHttpResult>> SetLinkAsync(
        string mac, [AsParameters] ApiGuestChange edit, IGuestHardwareGateway hardware) =>
        edit.ApplyAsync<ApiNicLink>(
            body => body.Up is null ? "up" : null,
            (guest, body) => hardware.SetNicLinkAsync(guest, mac, body.Up!.Value, edit.CancellationToken),
            ApiGuestDevice.Nic(mac));

    private static Task<Results<Ok<ApiActionResult>, ProblemHttpResult>> RemoveAsync(
        string mac, [AsParameters] ApiGuestChange edit, IGuestHardwareGateway hardware) =>
        edit.ApplyAsync(guest => hardware.RemoveNicAsync(guest, mac, edit.CancellationToken), ApiGuestDevice.Nic(mac));

    private static string? MissingField(ApiNicChange body) =>
        string.IsNullOrWhiteSpace(body.SourceType) ? "sourceType" : string.IsNullOrWhiteSpace(body.Source) ? "source" : null;

    private static GuestNicChange ToChange(ApiNicChange body) => new(body.SourceType!, body.Source!, body.Model ?? "virtio", body.Mac);
}

/// <summary>
/// A card's <see cref="SourceType"/> (network or bridge) and <see cref="Source"/> (the network's or the
/// bridge's name), its <see cref="Model"/> (virtio when left out) and, when adding, its <see cref="Mac"/>
/// (a fresh 52:54:00 address when left out; ignored on a change).
/// </summary>
public sealed record ApiNicChange(string? SourceType, string? Source, string? Model = null, string? Mac = null);

/// <summary>The card's link: up or down.</summary>
public sealed record ApiNicLink(bool? Up);
