using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using WebVirt.Contracts;
using WebVirt.Web.Agents.Gateway;
using WebVirt.Web.Resources;

namespace WebVirt.Web.Api;

/// <summary>
/// Cloning, templating and deleting guests: the same gateway calls as the clone and delete dialogs
/// and the template switch. Clone and delete start a task on the host and answer 202 Accepted with
/// the task's URL (creating a guest is <see cref="GuestCreateApi"/>).
/// </summary>
public static class GuestProvisioningApi
{
    private const string GuestPath = "/hosts/{hostId}/guests/{uuid}";

    public static RouteGroupBuilder MapGuestProvisioningApi(this RouteGroupBuilder api)
    {
        api.MapPost(GuestPath + "/clone", CloneAsync).WithName("GuestClone")
            .WithSummary("Copies a shut-off guest or a template under a new name; linked makes thin overlays on the source's qcow2 disks.")
            .AcceptsJson<ApiGuestClone>()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        api.MapGet(GuestPath + "/cloud-init-defaults", CloudDefaultsAsync).WithName("ShowGuestCloudInitDefaults")
            .WithSummary("The cloud-init defaults a guest made from a cloud image keeps (user, SSH keys, first disk's size): what a clone's cloudInit and diskSizeGiB start from.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        api.MapGet(GuestPath + "/delete-plan", DeletePlanAsync).WithName("ShowGuestDeletePlan")
            .WithSummary("What deleting the guest would remove: its writable disks and which other guests use each (those are kept).")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        api.MapDelete(GuestPath, DeleteAsync).WithName("GuestDelete")
            .WithSummary("Deletes the guest (forced off first if it runs); with deleteDisks its writable disk volumes too, except those another guest uses. Needs If-Match.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed).ProducesProblem(StatusCodes.Status428PreconditionRequired)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        foreach (var (slug, isTemplate) in new[] { ("mark-template", true), ("unmark-template", false) })
        {
            api.MapPost($"{GuestPath}/{slug}",
                    (string hostId, string uuid, IInventoryGateway inventory, IProvisioningGateway provisioning, CancellationToken cancellationToken) =>
                        SetTemplateAsync(hostId, uuid, isTemplate, inventory, provisioning, cancellationToken))
                .WithName(isTemplate ? "MarkGuestAsTemplate" : "UnmarkGuestAsTemplate")
                .WithSummary(isTemplate ? "Marks a shut-off guest as a template: it cannot be started, and guests are created from it." : "Makes a template an ordinary guest again.")
                .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
                .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        }

        return api;
    }

    private static async Task<Results<Ok<ApiActionResult>, ProblemHttpResult>> SetTemplateAsync(
        string hostId, string uuid, bool isTemplate, IInventoryGateway inventory, IProvisioningGateway provisioning, CancellationToken cancellationToken)
    {
        var (guest, missing) = await ApiGuestLookup.FindAsync(inventory, hostId, uuid);
        if (guest is null)
        {
            return missing!;
        }

        var result = await provisioning.SetTemplateAsync(guest, isTemplate, cancellationToken);
        return result.Ok ? TypedResults.Ok(new ApiActionResult(true, null)) : ApiProblems.From(result);
    }

    private static async Task<Results<Accepted<AgentTaskInfo>, ProblemHttpResult>> CloneAsync(
        string hostId, string uuid, HttpRequest request, IInventoryGateway inventory, IProvisioningGateway provisioning,
        IStringLocalizer<ApiResource> texts, CancellationToken cancellationToken)
    {
        var (source, missing) = await ApiGuestLookup.FindAsync(inventory, hostId, uuid);
        if (source is null)
        {
            return missing!;
        }

        var (body, invalid) = await ApiBodies.ReadAsync<ApiGuestClone>(request, texts);
        if (body is null)
        {
            return invalid!;
        }

        if (string.IsNullOrWhiteSpace(body.Name))
        {
            return ApiBodies.Required(texts, "name");
        }

        // The dialog trims the name too; the agent validates what is left.
        var result = await provisioning.CloneAsync(source, body.ToRequest(), cancellationToken);
        return await TasksApi.StartedAsync(result, inventory, cancellationToken);
    }

    private static async Task<Results<Ok<DeletePlan>, ProblemHttpResult>> DeletePlanAsync(
        string hostId, string uuid, IInventoryGateway inventory, IProvisioningGateway provisioning, CancellationToken cancellationToken)
    {
        var (guest, missing) = await ApiGuestLookup.FindAsync(inventory, hostId, uuid);
        if (guest is null)
        {
            return missing!;
        }

        var plan = await provisioning.GetDeletePlanAsync(guest, cancellationToken);
        return plan.Error is { } error ? ApiProblems.From(ActionResult.Fail(error)) : TypedResults.Ok(plan);
    }

    private static async Task<Results<Ok<CloudTemplateInfo>, ProblemHttpResult>> CloudDefaultsAsync(
        string hostId, string uuid, IInventoryGateway inventory, IProvisioningGateway provisioning, CancellationToken cancellationToken)
    {
        var (guest, missing) = await ApiGuestLookup.FindAsync(inventory, hostId, uuid);
        if (guest is null)
        {
            return missing!;
        }

        var info = await provisioning.GetCloudTemplateInfoAsync(guest, cancellationToken);
        return info.Error is { } error ? ApiProblems.From(ActionResult.Fail(error)) : TypedResults.Ok(info);
    }

    private static async Task<Results<Accepted<AgentTaskInfo>, ProblemHttpResult>> DeleteAsync(
        string hostId, string uuid, HttpRequest request, IInventoryGateway inventory, IGuestPageGateway guestPage,
        IProvisioningGateway provisioning, IStringLocalizer<ApiResource> texts, string? deleteDisks = null, CancellationToken cancellationToken = default)
    {
        var (guest, missing) = await ApiGuestLookup.FindAsync(inventory, hostId, uuid);
        if (guest is null)
        {
            return missing!;
        }

        // Parsed here rather than bound as a bool, so a wrong value gets a problem with a code instead of a bare 400.
        var withDisks = false;
        if (deleteDisks is not null && !bool.TryParse(deleteDisks, out withDisks))
        {
            return ApiProblems.Of(StatusCodes.Status400BadRequest, ApiErrorCodes.FilterInvalid,
                texts[ApiErrorCodes.FilterInvalid, nameof(deleteDisks), deleteDisks, "true, false"]);
        }

        // If-Match stands in for the dialog's typed name: the client proves it saw this guest as it is now.
        if (await ApiGuestVersion.CheckAsync(request, guestPage, guest, texts, cancellationToken) is { } precondition)
        {
            return precondition;
        }

        var result = await provisioning.DeleteAsync(guest, guest.Name, withDisks, cancellationToken);
        return await TasksApi.StartedAsync(result, inventory, cancellationToken);
    }
}

/// <summary>A copy of the guest named <see cref="Name"/>; <see cref="Start"/> starts it when done; <see cref="Linked"/> makes a linked clone.</summary>
/// <param name="CloudInit">For a source made from a cloud image: the clone's host name (left out: its name) and SSH keys (left out: the source's).</param>
/// <param name="DiskSizeGiB">For a source made from a cloud image: the first disk's new size, not smaller than the source's.</param>
public sealed record ApiGuestClone(string? Name, bool Start = false, bool Linked = false, CloneCloudInit? CloudInit = null, long? DiskSizeGiB = null)
{
    /// <summary>The agent's request (the gateway fills in the source and the user).</summary>
    public CloneGuestRequest ToRequest() =>
        new("", Name?.Trim() ?? "", Start, "", Linked) { CloudInit = CloudInit, DiskSizeGiB = DiskSizeGiB };
}

