using WebVirt.Agent.Hosting;
using WebVirt.Contracts;

namespace WebVirt.Agent.Enrolment;

public static class EnrolmentEndpoints
{
    /// <summary>
    /// The one call an agent answers without its console's token: the console that proves it knows the waiting
    /// code becomes this agent's console. Only over TLS, since the console pins the certificate it sees.
    /// </summary>
    public static void MapEnrolment(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost(EnrolmentHandshake.Path, (HttpContext context, EnrolmentRequest request, EnrolmentService enrolment) =>
        {
            if (!context.Request.IsHttps)
            {
                return Results.Json(Failure.Of(ErrorCodes.EnrolmentNeedsTls), AgentHttpJson.Default.Failure, statusCode: StatusCodes.Status400BadRequest);
            }

            var outcome = enrolment.Accept(request, context.Connection.RemoteIpAddress?.ToString() ?? "?");
            return outcome.Answer is { } answer
                ? Results.Json(answer, AgentHttpJson.Default.EnrolmentAnswer)
                : Results.Json(outcome.Failure, AgentHttpJson.Default.Failure, statusCode: StatusCodes.Status403Forbidden);
        }).AllowAnonymous();
}
