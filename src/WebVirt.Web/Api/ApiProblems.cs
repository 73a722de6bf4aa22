using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using ProblemDetails = Microsoft.AspNetCore.Mvc.ProblemDetails;
using WebVirt.Contracts;
using WebVirt.Web.Agents.Gateway;
using WebVirt.Web.Formatting;

namespace WebVirt.Web.Api;

/// <summary>
/// RFC 9457 problem details for the API: <c>code</c> is the stable code the UI words from its
/// catalogue (<see cref="ErrorCodes"/> or <see cref="ApiErrorCodes"/>), <c>title</c> that wording in
/// the request's language, <c>type</c> a URN made of the code, and <c>status</c> the HTTP status.
/// </summary>
public static class ApiProblems
{
    public const string TypePrefix = "urn:webvirt:error:";

    /// <summary>A failed change or read of the gateway, with the status that fits its code.</summary>
    public static ProblemHttpResult From(ActionResult failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        var code = failure.ErrorCode ?? ErrorCodes.Internal;
        var problem = Create(StatusOf(code), code, AgentTexts.Describe(failure));
        if (failure.HintKey is { } hint)
        {
            problem.Extensions["hint"] = hint;
        }

        if (failure.Problems is { Count: > 0 } problems)
        {
            problem.Extensions["problems"] = problems
                .Select(p => new { field = p.Field, key = p.Key, args = p.Args, message = AgentTexts.Format(p, CultureInfo.CurrentUICulture) }).ToList();
        }

        return TypedResults.Problem(problem);
    }

    public static ProblemHttpResult From(AgentCallException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return From(exception.Failure);
    }

    /// <summary>A refusal of the API's own, worded by the caller.</summary>
    public static ProblemHttpResult Of(int status, string code, string title) => TypedResults.Problem(Create(status, code, title));

    /// <summary>Writes a problem outside an endpoint (authentication, rate limiting).</summary>
    public static Task Write(HttpContext context, int status, string code, string title) =>
        Of(status, code, title).ExecuteAsync(context);

    public static int StatusOf(string code) => code switch
    {
        ErrorCodes.Forbidden => StatusCodes.Status403Forbidden,
        ErrorCodes.UnknownHost or ErrorCodes.GuestMissing or ErrorCodes.GuestNotRecorded or ErrorCodes.TaskMissing
            or "VIR_ERR_NO_DOMAIN" => StatusCodes.Status404NotFound,
        // A migration the hosts refuse as they are now (the guest's state, the destination's CPU, name, pools).
        ErrorCodes.MigrationSameHost or ErrorCodes.MigrationDestinationNotPinned or ErrorCodes.MigrationNotRunning or ErrorCodes.MigrationRunning
            or ErrorCodes.MigrationOfflineBacking or ErrorCodes.MigrationArchitecture or ErrorCodes.MigrationCpuIncompatible
            or ErrorCodes.MigrationNameTaken or ErrorCodes.MigrationPoolMissing or ErrorCodes.MigrationPoolFull
            or ErrorCodes.MigrationVolumeExists or ErrorCodes.MigrationDiskOutsidePools => StatusCodes.Status409Conflict,
        ErrorCodes.EnrolmentHostConfigured or ErrorCodes.EnrolmentNotEnrolled => StatusCodes.Status409Conflict,
        // The agent at the address answered, but not as an agent that holds the code (its proof did not check out).
        ErrorCodes.EnrolmentAgentProof => StatusCodes.Status502BadGateway,
        ErrorCodes.GuestRunning or ErrorCodes.InUse or ErrorCodes.GuestIsTemplate or ErrorCodes.NetworkHasRunningGuests
            or ErrorCodes.PoolHasRunningGuests or "VIR_ERR_OPERATION_INVALID" => StatusCodes.Status409Conflict,
        ErrorCodes.InputInvalid or ErrorCodes.GuestUuidInvalid or ErrorCodes.MigrationRequestInvalid or ErrorCodes.GuestActionUnknown
            or ApiErrorCodes.FilterInvalid or ErrorCodes.UploadAborted or ErrorCodes.MigrationAddressInvalid or ErrorCodes.UsageRangeUnknown
            // The Hosts page's Add host: the address or the code the client typed is not one the agent takes.
            or ErrorCodes.EnrolmentAddressInvalid or ErrorCodes.EnrolmentCodeInvalid or ErrorCodes.EnrolmentNoCode or ErrorCodes.EnrolmentExpired
            or ErrorCodes.EnrolmentRefused or ErrorCodes.EnrolmentNeedsTls
            // libvirt's refusals of a definition (the XML editor's save): the client's XML is wrong.
            or "VIR_ERR_XML_ERROR" or "VIR_ERR_XML_DETAIL" or "VIR_ERR_XML_INVALID_SCHEMA" or "VIR_ERR_CONFIG_UNSUPPORTED"
            or "VIR_ERR_INVALID_ARG" or "VIR_ERR_NO_SOURCE" or "VIR_ERR_NO_TARGET" or "VIR_ERR_NO_NAME" or "VIR_ERR_NO_OS"
            or "VIR_ERR_NO_DEVICE" => StatusCodes.Status400BadRequest,
        ErrorCodes.UploadNoLength => StatusCodes.Status411LengthRequired,
        ErrorCodes.AgentUnavailable or ErrorCodes.LibvirtUnavailable or ErrorCodes.MigrationDestinationUnreachable or ErrorCodes.EnrolmentUnreachable => StatusCodes.Status503ServiceUnavailable,
        ErrorCodes.Timeout => StatusCodes.Status504GatewayTimeout,
        _ => StatusCodes.Status500InternalServerError,
    };

    private static ProblemDetails Create(int status, string code, string title)
    {
        var problem = new ProblemDetails { Status = status, Type = TypePrefix + code, Title = title };
        problem.Extensions["code"] = code;
        return problem;
    }
}
