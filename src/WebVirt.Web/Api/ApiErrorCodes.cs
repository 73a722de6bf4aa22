namespace WebVirt.Web.Api;

/// <summary>
/// The API's own stable error codes, for what happens before a call reaches the gateway (whose
/// refusals carry <see cref="Contracts.ErrorCodes"/>). Each is also the key of its text in ApiResource.
/// </summary>
public static class ApiErrorCodes
{
    public const string TokenMissing = "Api.TokenMissing";
    public const string TokenInvalid = "Api.TokenInvalid";
    public const string TokenExpired = "Api.TokenExpired";
    public const string TokenRevoked = "Api.TokenRevoked";
    public const string OwnerDisabled = "Api.OwnerDisabled";
    public const string RateLimited = "Api.RateLimited";
    public const string FilterInvalid = "Api.FilterInvalid";
    public const string DatabaseUnavailable = "Api.DatabaseUnavailable";
    public const string ServerError = "Api.ServerError";
}
