using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using WebVirt.Contracts;
using WebVirt.Web.Agents;
using WebVirt.Web.Agents.Enrolment;
using WebVirt.Web.Resources;

namespace WebVirt.Web.Api;

/// <summary>
/// The Hosts page's "Add host" with the one-time code the host's agent printed, and "Remove host" of a
/// host added so, through the page's service: its right (manage hosts), its checks, the certificate
/// it pins and its audit records (<c>host.enrol</c>, <c>host.remove</c>) are the page's.
/// </summary>
public static class HostEnrolmentApi
{
    public static RouteGroupBuilder MapHostEnrolmentApi(this RouteGroupBuilder api)
    {
        api.MapPost("/hosts", EnrolAsync).WithName("HostEnrol")
            .WithSummary("Adds the host whose agent answers at address (host[:port], https) and printed code with `webvirt-agent enrol`: 201 with the host's id and the SHA-256 fingerprint of the agent's certificate, now pinned. A code works once.")
            .Produces<ApiHostEnrolled>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status502BadGateway).ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .AcceptsJsonComponent<ApiHostEnrol>();
        api.MapDelete("/hosts/{hostId}", RemoveAsync).WithName("HostRemove")
            .WithSummary("Removes a host that was added with an enrolment code (its pinned certificate and token go; its guests keep running). Hosts from the configuration file cannot be removed: 409 Enrolment.NotEnrolled.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    private static async Task<Results<Created<ApiHostEnrolled>, ProblemHttpResult>> EnrolAsync(
        HttpRequest request, HostEnrolmentService enrolment, IStringLocalizer<ApiResource> texts, CancellationToken cancellationToken)
    {
        var (body, invalid) = await ApiBodies.ReadAsync<ApiHostEnrol>(request, texts);
        if (body is null)
        {
            return invalid!;
        }

        if (string.IsNullOrWhiteSpace(body.Address) || string.IsNullOrWhiteSpace(body.Code))
        {
            return ApiBodies.Required(texts, string.IsNullOrWhiteSpace(body.Address) ? "address" : "code");
        }

        var result = await enrolment.EnrolAsync(body.Address.Trim(), body.Code.Trim(), body.Name, cancellationToken);
        if (!result.Ok || result.HostId is not { } hostId)
        {
            return ApiProblems.From(ActionResult.Fail(result.Failure!));
        }

        return TypedResults.Created($"{ApiSetup.BasePath}/{ApiSetup.Version}/hosts/{Uri.EscapeDataString(hostId)}", new ApiHostEnrolled(hostId, result.CertificateSha256 ?? ""));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveAsync(
        string hostId, HostEnrolmentService enrolment, AgentDirectory directory, CancellationToken cancellationToken)
    {
        if (directory.Find(hostId) is null)
        {
            return ApiProblems.From(ActionResult.Fail(ErrorCodes.UnknownHost, hostId));
        }

        var result = await enrolment.RemoveAsync(hostId, cancellationToken);
        return result.Ok ? TypedResults.NoContent() : ApiProblems.From(ActionResult.Fail(result.Failure!));
    }
}

/// <summary>The host's agent address (host or host:port; https) and the code its `webvirt-agent enrol` printed; <see cref="Name"/> what the console calls it (left out: its id).</summary>
public sealed record ApiHostEnrol(string? Address, string? Code, string? Name = null);

/// <summary>The added host's id and the SHA-256 fingerprint (hex) of its agent's certificate, which the console now pins.</summary>
public sealed record ApiHostEnrolled(string HostId, string CertificateSha256);
