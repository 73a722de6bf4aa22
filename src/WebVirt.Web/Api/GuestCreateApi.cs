using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using WebVirt.Contracts;
using WebVirt.Web.Agents.Gateway;
using WebVirt.Web.Formatting;
using WebVirt.Web.Resources;

namespace WebVirt.Web.Api;

/// <summary>
/// Creating a guest, from a template or from a spec (ISO, network install, imported disk, PXE): the
/// gateway calls of the creation wizard, its "create" (a task on the host, answered 202 with the
/// task's URL) and its preview (the XML the create would define and the problems, changing nothing).
/// </summary>
public static class GuestCreateApi
{
    private const string GuestsPath = "/hosts/{hostId}/guests";

    public static RouteGroupBuilder MapGuestCreateApi(this RouteGroupBuilder api)
    {
        api.MapPost(GuestsPath, CreateAsync).WithName("GuestCreate")
            .WithSummary("Creates a guest on the host: a copy of a template (source Template) or a new guest from the wizard's spec (source IsoVolume, NetworkInstall, ImportDisk or Pxe).")
            .AcceptsJson<ApiGuestCreate>()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        api.MapPost(GuestsPath + "/preview", PreviewAsync).WithName("GuestCreatePreview")
            .WithSummary("Validates a spec as the create would, without creating anything: the domain XML it would define, the refused values and the warnings.")
            .AcceptsJson<ApiGuestCreate>()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return api;
    }

    private static async Task<Results<Accepted<AgentTaskInfo>, ProblemHttpResult>> CreateAsync(
        string hostId, HttpRequest request, IInventoryGateway inventory, IProvisioningGateway provisioning,
        IStringLocalizer<ApiResource> texts, CancellationToken cancellationToken)
    {
        var (body, invalid) = await ApiBodies.ReadAsync<ApiGuestCreate>(request, texts);
        if (body is null)
        {
            return invalid!;
        }

        // A spec goes to the agent as it is: its validation lists every refused value at once, the name's included.
        if (body is ApiGuestFromSpec spec)
        {
            return await TasksApi.StartedAsync(await provisioning.CreateAsync(hostId, spec.ToSpec(), cancellationToken), inventory, cancellationToken);
        }

        var fromTemplate = (ApiGuestFromTemplate)body;
        if (string.IsNullOrWhiteSpace(fromTemplate.Template))
        {
            return ApiBodies.Required(texts, "template");
        }

        if (string.IsNullOrWhiteSpace(body.Name))
        {
            return ApiBodies.Required(texts, "name");
        }

        var (template, missing) = await ApiGuestLookup.FindAsync(inventory, hostId, fromTemplate.Template);
        if (template is null)
        {
            return missing!;
        }

        if (!template.IsTemplate)
        {
            return ApiProblems.Of(StatusCodes.Status400BadRequest, ApiErrorCodes.NotATemplate, texts[ApiErrorCodes.NotATemplate, template.Name]);
        }

        var result = await provisioning.CloneAsync(template, fromTemplate.ToRequest(), cancellationToken);
        return await TasksApi.StartedAsync(result, inventory, cancellationToken);
    }

    private static async Task<Results<Ok<ApiGuestPreview>, ProblemHttpResult>> PreviewAsync(
        string hostId, HttpRequest request, IProvisioningGateway provisioning, IStringLocalizer<ApiResource> texts, CancellationToken cancellationToken)
    {
        var (body, invalid) = await ApiBodies.ReadAsync<ApiGuestCreate>(request, texts);
        if (body is null)
        {
            return invalid!;
        }

        if (body is not ApiGuestFromSpec spec)
        {
            // A template is copied as it is: there is no new definition to show.
            return ApiProblems.Of(StatusCodes.Status400BadRequest, ApiErrorCodes.NoPreview, texts[ApiErrorCodes.NoPreview]);
        }

        var preview = await provisioning.PreviewAsync(hostId, spec.ToSpec(), cancellationToken);
        if (preview.Error is { } error && error.Code != ErrorCodes.InputInvalid)
        {
            return ApiProblems.From(ActionResult.Fail(error));
        }

        return TypedResults.Ok(new ApiGuestPreview(preview.Xml, Worded(preview.Problems), Worded(preview.Warnings)));
    }

    private static List<ApiFieldProblem> Worded(IReadOnlyList<ProblemDto> problems) =>
        problems.Select(p => new ApiFieldProblem(p.Field, p.Key, p.Args, AgentTexts.Format(p, CultureInfo.CurrentUICulture))).ToList();
}
