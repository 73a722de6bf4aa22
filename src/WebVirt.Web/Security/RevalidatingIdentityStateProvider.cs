using WebVirt.Web.Data;
using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using WebVirt.Web.Security.Sessions;

namespace WebVirt.Web.Security;

/// <summary>
/// Signs an open circuit out as soon as its session ends (the session store calls back through
/// <see cref="SessionCircuits"/>), which sends the page to the login form. A periodic re-check
/// also catches endings made by another replica, the idle and absolute limits, and security stamp
/// changes; it keeps a session with an open page counted as in use.
/// </summary>
internal sealed class RevalidatingIdentityStateProvider : RevalidatingServerAuthenticationStateProvider
{
    private static readonly Task<AuthenticationState> SignedOut = Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity())));

    private readonly IServiceScopeFactory _scopes;
    private readonly IOptions<IdentityOptions> _options;
    private readonly SessionCircuits _circuits;
    private readonly DatabaseHealth _database;
    private readonly Lock _gate = new();
    private IDisposable? _registration;
    private string? _sessionKey;

    public RevalidatingIdentityStateProvider(
        ILoggerFactory loggerFactory,
        IServiceScopeFactory scopes,
        IOptions<IdentityOptions> options,
        SessionCircuits circuits,
        DatabaseHealth database)
        : base(loggerFactory)
    {
        _database = database;
        _scopes = scopes;
        _options = options;
        _circuits = circuits;
        AuthenticationStateChanged += task => _ = FollowSessionAsync(task);
    }

    protected override TimeSpan RevalidationInterval => TimeSpan.FromSeconds(30);

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        try
        {
            return await IsStillValidAsync(authenticationState, cancellationToken);
        }
        catch (Exception ex) when (_database.Report(ex))
        {
            // Not knowing is not a reason to sign anyone out: the page stays open through a
            // database outage and the next check decides once it is back.
            return true;
        }
    }

    private async Task<bool> IsStillValidAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        var key = SessionClaims.KeyOf(authenticationState.User);
        await using var scope = _scopes.CreateAsyncScope();
        var sessions = scope.ServiceProvider.GetRequiredService<SessionStore>();
        if (key is null || !await sessions.ValidateAsync(key, cancellationToken))
        {
            return false;
        }

        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        return await IsStampCurrentAsync(users, authenticationState.User);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            lock (_gate)
            {
                _registration?.Dispose();
                _registration = null;
            }
        }

        base.Dispose(disposing);
    }

    private async Task FollowSessionAsync(Task<AuthenticationState> stateTask)
    {
        var key = SessionClaims.KeyOf((await stateTask).User);
        lock (_gate)
        {
            if (key == _sessionKey)
            {
                return;
            }

            _registration?.Dispose();
            _sessionKey = key;
            _registration = key is null ? null : _circuits.Register(key, () => SetAuthenticationState(SignedOut));
        }
    }

    private async Task<bool> IsStampCurrentAsync(UserManager<IdentityUser> users, ClaimsPrincipal principal)
    {
        var user = await users.GetUserAsync(principal);
        if (user is null)
        {
            return false;
        }

        if (!users.SupportsUserSecurityStamp)
        {
            return true;
        }

        var stamp = principal.FindFirstValue(_options.Value.ClaimsIdentity.SecurityStampClaimType);
        return stamp == await users.GetSecurityStampAsync(user);
    }
}
