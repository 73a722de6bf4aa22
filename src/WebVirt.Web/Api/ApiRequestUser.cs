using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using WebVirt.Web.Agents.Gateway;
using WebVirt.Web.Security;

namespace WebVirt.Web.Api;

/// <summary>The user of the API request in this scope, set by the API's endpoint filter before the handler runs.</summary>
public sealed class ApiRequestUser
{
    public ClaimsPrincipal? User { get; set; }
}

/// <summary>
/// The gateway's <see cref="ICurrentUser"/>: an API request's token user when the scope serves one,
/// otherwise the Blazor circuit's signed-in user. The gateway's rules are the same for both.
/// </summary>
public sealed class ApiOrCircuitCurrentUser(ApiRequestUser apiRequest, AuthenticationStateProvider authentication) : ICurrentUser
{
    private readonly CircuitCurrentUser _circuit = new(authentication);

    public Task<ClaimsPrincipal> GetAsync() => apiRequest.User is { } user ? Task.FromResult(user) : _circuit.GetAsync();
}
