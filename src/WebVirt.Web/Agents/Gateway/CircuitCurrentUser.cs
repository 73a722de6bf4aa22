using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using WebVirt.Web.Security;

namespace WebVirt.Web.Agents.Gateway;

/// <summary>The signed-in user of a Blazor circuit.</summary>
public sealed class CircuitCurrentUser(AuthenticationStateProvider authentication) : ICurrentUser
{
    public async Task<ClaimsPrincipal> GetAsync() => (await authentication.GetAuthenticationStateAsync()).User;
}
