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
    public const string BodyInvalid = "Api.BodyInvalid";
    public const string FieldRequired = "Api.FieldRequired";
    public const string PreconditionRequired = "Api.PreconditionRequired";
    public const string PreconditionFailed = "Api.PreconditionFailed";
    public const string SnapshotMissing = "Api.SnapshotMissing";
    public const string NotATemplate = "Api.NotATemplate";
    public const string TaskNotCancellable = "Api.TaskNotCancellable";
    public const string PoolMissing = "Api.PoolMissing";
    public const string VolumeMissing = "Api.VolumeMissing";
    public const string NetworkMissing = "Api.NetworkMissing";
    public const string DiskMissing = "Api.DiskMissing";
    public const string NicMissing = "Api.NicMissing";
    public const string NoPreview = "Api.NoPreview";
    public const string XmlBodyInvalid = "Api.XmlBodyInvalid";
    public const string NoLiveXml = "Api.NoLiveXml";
    public const string UserMissing = "Api.UserMissing";
    public const string UserSelf = "Api.UserSelf";
    public const string UserRefused = "Api.UserRefused";
    public const string BatchMissing = "Api.BatchMissing";
    public const string BatchEnded = "Api.BatchEnded";
}
