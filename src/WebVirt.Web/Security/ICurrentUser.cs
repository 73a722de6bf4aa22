using System.Security.Claims;

namespace WebVirt.Web.Security;

/// <summary>
/// Who is asking, for the gateway's permission check and audit record. Behind it the UI puts Blazor's
/// authentication state and an HTTP API its request's user, so the gateway knows neither.
/// </summary>
public interface ICurrentUser
{
    Task<ClaimsPrincipal> GetAsync();
}
