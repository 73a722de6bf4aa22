using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WebVirt.Api.Tests.Infrastructure;
using WebVirt.Web.Api;
using WebVirt.Web.Data;
using WebVirt.Web.Security;

namespace WebVirt.Api.Tests;

/// <summary>
/// API tokens: made by their owner, kept only as a hash, never wider than the owner's role (at
/// creation and on every call), and refused from the very next call once revoked or expired.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ApiTokenTests(ApiFixture api)
{
    private const string Hosts = "/api/v1/hosts";

    [Fact]
    public async Task A_call_without_a_token_or_with_a_forged_one_gets_401_problem_details()
    {
        using var anonymous = api.Client(null);
        var missing = await anonymous.GetAsync(Hosts);
        await Problems.AssertAsync(missing, HttpStatusCode.Unauthorized, ApiErrorCodes.TokenMissing);
        Assert.Equal("Bearer", missing.Headers.WwwAuthenticate.Single().Scheme);

        using var garbage = api.Client("not-a-token");
        await Problems.AssertAsync(await garbage.GetAsync(Hosts), HttpStatusCode.Unauthorized, ApiErrorCodes.TokenInvalid);

        // A real token's id with another secret of the same shape.
        var real = await api.CreateTokenAsync(await api.CreateUserAsync(Roles.Viewer), ApiTokenScope.ReadOnly);
        var forged = real[..^43] + new string('A', 43);
        using var wrongSecret = api.Client(forged);
        await Problems.AssertAsync(await wrongSecret.GetAsync(Hosts), HttpStatusCode.Unauthorized, ApiErrorCodes.TokenInvalid);
    }

    [Fact]
    public async Task Only_the_hash_of_the_secret_is_stored_and_the_token_works_once_shown()
    {
        var owner = await api.CreateUserAsync(Roles.Operator);
        var token = await api.CreateTokenAsync(owner, ApiTokenScope.Operate, name: "hash-check");
        Assert.Matches("^wvt_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$", token);

        await using var db = await Db();
        var row = await db.ApiTokens.SingleAsync(t => t.PublicId == token.Substring(4, 16));
        var secret = token[21..];
        Assert.Equal(SHA256.HashData(Encoding.ASCII.GetBytes(secret)), row.SecretHash);
        Assert.DoesNotContain(secret, string.Join("|", row.PublicId, row.Name, row.Scope, row.LastUsedAddress), StringComparison.Ordinal);

        using var client = api.Client(token);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Hosts)).StatusCode);
    }

    [Fact]
    public async Task A_scope_wider_than_the_owners_role_is_refused_and_nothing_is_made()
    {
        var viewer = await api.CreateUserAsync(Roles.Viewer);
        var operatorUser = await api.CreateUserAsync(Roles.Operator);

        var viewerOperate = await api.AsUserAsync(viewer, tokens => tokens.CreateAsync("escalate", ApiTokenScope.Operate, null));
        var viewerAdminister = await api.AsUserAsync(viewer, tokens => tokens.CreateAsync("escalate", ApiTokenScope.Administer, null));
        var operatorAdminister = await api.AsUserAsync(operatorUser, tokens => tokens.CreateAsync("escalate", ApiTokenScope.Administer, null));
        var outOfRange = await api.AsUserAsync(operatorUser, tokens => tokens.CreateAsync("escalate", (ApiTokenScope)7, null));

        foreach (var refused in new[] { viewerOperate, viewerAdminister, operatorAdminister, outOfRange })
        {
            Assert.Equal(ApiTokenService.ErrorScopeTooWide, refused.Error);
            Assert.Null(refused.Token);
        }

        Assert.Empty(await api.AsUserAsync(viewer, tokens => tokens.ListOwnAsync()));
        Assert.Empty(await api.AsUserAsync(operatorUser, tokens => tokens.ListOwnAsync()));
        Assert.Equal(ApiTokenScope.ReadOnly, await api.AsUserAsync(viewer, tokens => tokens.WidestScopeAsync()));
    }

    [Fact]
    public async Task Bad_names_and_a_past_expiry_are_refused_with_their_reason()
    {
        var owner = await api.CreateUserAsync(Roles.Viewer);
        await api.CreateTokenAsync(owner, ApiTokenScope.ReadOnly, name: "ci");

        Assert.Equal(ApiTokenService.ErrorNameRequired, (await api.AsUserAsync(owner, t => t.CreateAsync("  ", ApiTokenScope.ReadOnly, null))).Error);
        Assert.Equal(ApiTokenService.ErrorNameTooLong, (await api.AsUserAsync(owner, t => t.CreateAsync(new string('n', 65), ApiTokenScope.ReadOnly, null))).Error);
        Assert.Equal(ApiTokenService.ErrorNameTaken, (await api.AsUserAsync(owner, t => t.CreateAsync(" ci ", ApiTokenScope.ReadOnly, null))).Error);
        Assert.Equal(ApiTokenService.ErrorExpiryPast, (await api.AsUserAsync(owner, t => t.CreateAsync("old", ApiTokenScope.ReadOnly, DateTimeOffset.UtcNow.AddMinutes(-1)))).Error);
        Assert.Single(await api.AsUserAsync(owner, tokens => tokens.ListOwnAsync()));
    }

    [Fact]
    public async Task A_revoked_token_is_refused_from_the_next_call_and_the_attempt_is_audited()
    {
        var owner = await api.CreateUserAsync(Roles.Viewer);
        var token = await api.CreateTokenAsync(owner, ApiTokenScope.ReadOnly, name: "revoke-me");
        using var client = api.Client(token);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Hosts)).StatusCode);

        var id = (await api.AsUserAsync(owner, tokens => tokens.ListOwnAsync())).Single().Id;
        Assert.Null(await api.AsUserAsync(owner, tokens => tokens.RevokeAsync(id)));

        await Problems.AssertAsync(await client.GetAsync(Hosts), HttpStatusCode.Unauthorized, ApiErrorCodes.TokenRevoked);
        Assert.Empty(await api.AsUserAsync(owner, tokens => tokens.ListOwnAsync()));
        await using var db = await Db();
        Assert.True(await db.AuditEntries.AnyAsync(e => e.Action == ApiTokenAuthenticationHandler.RefusedAction
            && e.UserName == owner.Identity!.Name && e.Detail!.Contains("'revoke-me'") && e.Detail.Contains(ApiErrorCodes.TokenRevoked)));
        // Revoking is the owner's: another user cannot revoke it, or find it.
        var stranger = await api.CreateUserAsync(Roles.Administrator);
        Assert.Equal(ApiTokenService.ErrorNotFound, await api.AsUserAsync(stranger, tokens => tokens.RevokeAsync(id)));
    }

    [Fact]
    public async Task A_token_is_refused_from_its_expiry_on()
    {
        var owner = await api.CreateUserAsync(Roles.Viewer);
        var expiry = DateTimeOffset.UtcNow.AddSeconds(15);
        var token = await api.CreateTokenAsync(owner, ApiTokenScope.ReadOnly, expiry);
        using var client = api.Client(token);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Hosts)).StatusCode);

        await Task.Delay(expiry - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(0.5));

        await Problems.AssertAsync(await client.GetAsync(Hosts), HttpStatusCode.Unauthorized, ApiErrorCodes.TokenExpired);
    }

    [Fact]
    public async Task A_token_narrows_to_its_owners_role_when_the_role_is_lowered_and_stops_when_the_owner_is_disabled()
    {
        var owner = await api.CreateUserAsync(Roles.Operator);
        var token = await api.CreateTokenAsync(owner, ApiTokenScope.Operate);
        using var client = api.Client(token);
        var start = $"/api/v1/hosts/{api.HostId}/guests/{api.GuestUuid}/start";

        await using (var scope = api.Factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
            var user = (await users.FindByNameAsync(owner.Identity!.Name!))!;
            await users.RemoveFromRoleAsync(user, Roles.Operator);
            await users.AddToRoleAsync(user, Roles.Viewer);
        }

        // The token was made with Operate, but its owner is a viewer now: it may read, not start.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/guests")).StatusCode);
        await Problems.AssertAsync(await client.PostAsync(start, null), HttpStatusCode.Forbidden, "Agent.Forbidden");

        await using (var scope = api.Factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
            var user = (await users.FindByNameAsync(owner.Identity!.Name!))!;
            await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue);
        }

        await Problems.AssertAsync(await client.GetAsync(Hosts), HttpStatusCode.Unauthorized, ApiErrorCodes.OwnerDisabled);
    }

    [Fact]
    public async Task The_last_use_is_recorded_with_its_time_and_address()
    {
        var owner = await api.CreateUserAsync(Roles.Viewer);
        var token = await api.CreateTokenAsync(owner, ApiTokenScope.ReadOnly);
        Assert.Null((await api.AsUserAsync(owner, tokens => tokens.ListOwnAsync())).Single().LastUsedAt);
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);

        using var client = api.Client(token);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Hosts)).StatusCode);

        var used = (await api.AsUserAsync(owner, tokens => tokens.ListOwnAsync())).Single();
        Assert.True(used.LastUsedAt >= before, $"last used {used.LastUsedAt}");
        // The in-memory test server has no client address; the column then holds the empty address.
        Assert.NotNull(used.LastUsedAddress);
    }

    private Task<WebDbContext> Db() =>
        api.Factory.Services.GetRequiredService<IDbContextFactory<WebDbContext>>().CreateDbContextAsync();
}
