using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WebVirt.Contracts;
using WebVirt.Web.Agents.Gateway;
using WebVirt.Web.Data;
using WebVirt.Web.Security;
using WebVirt.Web.Tests.Infrastructure;
using static WebVirt.Web.Tests.Infrastructure.GuestSamples;

namespace WebVirt.Web.Tests.Gateway;

public sealed class ProvisioningGatewayTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    [Fact]
    public async Task An_operators_clone_goes_to_the_agent_and_is_audited_with_the_new_name()
    {
        var guest = Guest("clone-source", GuestState.ShutOff, WebAppFixture.HostId);

        var result = await AsAsync("cleo", Roles.Operator, service => service.CloneAsync(guest, "clone-copy", startAfterClone: false));

        // The fixture's agent is unreachable: the request got past the permission check to the connection.
        Assert.Equal(ErrorCodes.AgentUnavailable, result.ErrorCode);
        var entry = await SingleEntryAsync(guest.Uuid);
        Assert.Equal(("cleo", ProvisioningGateway.AuditClone, AuditEntry.ResultError, "clone-source"), (entry.UserName, entry.Action, entry.Result, entry.TargetGuestName));
        Assert.Contains(ErrorCodes.AgentUnavailable, entry.Detail);
    }

    [Fact]
    public async Task Operators_may_neither_delete_nor_mark_templates_and_the_refusals_are_audited()
    {
        var doomed = Guest("delete-target", GuestState.ShutOff, WebAppFixture.HostId);
        var marked = Guest("template-target", GuestState.ShutOff, WebAppFixture.HostId);

        var deleted = await AsAsync("oscar", Roles.Operator, service => service.DeleteAsync(doomed, "delete-target", deleteDisks: true));
        var templated = await AsAsync("oscar", Roles.Operator, service => service.SetTemplateAsync(marked, true));
        var plan = await AsAsync("oscar", Roles.Operator, service => service.GetDeletePlanAsync(doomed));

        Assert.Equal(ErrorCodes.Forbidden, deleted.ErrorCode);
        Assert.Equal(ErrorCodes.Forbidden, templated.ErrorCode);
        Assert.Equal(ErrorCodes.Forbidden, plan.ErrorCode);
        Assert.Equal((ProvisioningGateway.AuditDelete, AuditEntry.ResultError), Summary(await SingleEntryAsync(doomed.Uuid)));
        Assert.Equal((ProvisioningGateway.AuditTemplate, AuditEntry.ResultError), Summary(await SingleEntryAsync(marked.Uuid)));
    }

    [Fact]
    public async Task Viewers_may_not_clone()
    {
        var guest = Guest("viewer-clone", GuestState.ShutOff, WebAppFixture.HostId);

        var result = await AsAsync("vic", Roles.Viewer, service => service.CloneAsync(guest, "nope", startAfterClone: false));

        Assert.Equal(ErrorCodes.Forbidden, result.ErrorCode);
        Assert.Equal((ProvisioningGateway.AuditClone, AuditEntry.ResultError), Summary(await SingleEntryAsync(guest.Uuid)));
    }

    [Fact]
    public async Task An_administrators_delete_and_template_change_reach_the_agent()
    {
        var guest = Guest("admin-target", GuestState.Running, WebAppFixture.HostId);

        var plan = await AsAsync("ada", Roles.Administrator, service => service.GetDeletePlanAsync(guest));
        var templated = await AsAsync("ada", Roles.Administrator, service => service.SetTemplateAsync(guest, false));

        Assert.Equal(ErrorCodes.AgentUnavailable, plan.ErrorCode);
        Assert.Equal(ErrorCodes.AgentUnavailable, templated.ErrorCode);
        Assert.Equal((ProvisioningGateway.AuditTemplate, AuditEntry.ResultError), Summary(await SingleEntryAsync(guest.Uuid)));
    }

    private static (string Action, string Result) Summary(AuditEntry entry) => (entry.Action, entry.Result);

    private async Task<T> AsAsync<T>(string userName, string role, Func<IProvisioningGateway, Task<T>> act)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var principal = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, userName), new Claim(ClaimTypes.Role, role)], authenticationType: "test"));
        var authentication = (IHostEnvironmentAuthenticationStateProvider)scope.ServiceProvider.GetRequiredService<AuthenticationStateProvider>();
        authentication.SetAuthenticationState(Task.FromResult(new AuthenticationState(principal)));
        return await act(scope.ServiceProvider.GetRequiredService<IProvisioningGateway>());
    }

    private async Task<AuditEntry> SingleEntryAsync(string guestUuid)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WebDbContext>();
        return await db.AuditEntries.SingleAsync(e => e.TargetGuestUuid == guestUuid);
    }
}
