using Bunit;
using Microsoft.Extensions.DependencyInjection;
using WebVirt.Contracts;
using WebVirt.Web.Agents.Gateway;
using WebVirt.Web.Components.Guest;
using WebVirt.Web.Data;
using WebVirt.Web.Security;

namespace WebVirt.Web.Tests.GuestPage;

[Collection(GuestPageCollection.Name)]
public sealed class GuestXmlTests(GuestPageFixture fixture) : GuestPageTestContext(fixture)
{
    private IRenderedComponent<GuestXmlPanel> RenderPanel(string user, string role, GuestDetails details)
    {
        var panel = RenderAs<GuestXmlPanel>(user, role, p => p
            .Add(c => c.HostId, GuestPageFixture.HostId)
            .Add(c => c.Guest, details.Guest));
        panel.WaitForAssertion(() => Assert.Contains("<name>", panel.Find("[data-testid='guest-xml-persistent']").TextContent), TimeSpan.FromSeconds(10));
        return panel;
    }

    private string Persistent(GuestDetails details) => Fixture.Agent.State.GuestPage.Xml[details.Guest.Uuid].Persistent;

    [Fact]
    public async Task Both_definitions_show_and_only_administrators_get_the_editor()
    {
        var details = await Fixture.AddGuestAsync("xml-views");

        var asOperator = RenderPanel(NewUser(Roles.Operator), Roles.Operator, details);

        Assert.Contains("id='7'", asOperator.Find("[data-testid='guest-xml-live']").TextContent);
        Assert.DoesNotContain("id='7'", asOperator.Find("[data-testid='guest-xml-persistent']").TextContent);
        Assert.Empty(asOperator.FindAll("[data-testid='guest-xml-editor']"));
        Assert.Empty(asOperator.FindAll("[data-testid='guest-xml-save']"));
    }

    [Fact]
    public async Task Check_shows_the_coloured_diff_and_then_libvirts_error_in_place()
    {
        var details = await Fixture.AddGuestAsync("xml-check");
        var panel = RenderPanel(NewUser(Roles.Administrator), Roles.Administrator, details);
        var edited = Persistent(details).Replace("<vcpu placement='static' current='2'>4</vcpu>", "<vcpu placement='static' current='2'>8</vcpu>", StringComparison.Ordinal);

        panel.Find(TextBox("guest-xml-editor")).Input(edited);
        panel.Find("[data-testid='guest-xml-check']").Click();

        panel.WaitForAssertion(() =>
        {
            var diff = panel.Find("[data-testid='guest-xml-diff']");
            Assert.Contains(">8</vcpu>", diff.QuerySelector(".diff-added")!.TextContent);
            Assert.Contains(">4</vcpu>", diff.QuerySelector(".diff-removed")!.TextContent);
        }, TimeSpan.FromSeconds(10));
        Assert.Empty(panel.FindAll("[data-testid='guest-xml-error']"));

        panel.Find(TextBox("guest-xml-editor")).Input(edited.Replace("</domain>", "<unsupported-device/></domain>", StringComparison.Ordinal));
        panel.Find("[data-testid='guest-xml-check']").Click();

        panel.WaitForAssertion(() => Assert.Contains("failed to validate against schema", panel.Find("[data-testid='guest-xml-error']").TextContent),
            TimeSpan.FromSeconds(10));
        Assert.DoesNotContain(Fixture.Agent.State.GuestPage.XmlSaved, saved => saved.Uuid == details.Guest.Uuid);
    }

    [Fact]
    public async Task A_refused_save_shows_libvirts_message_keeps_the_text_and_changes_nothing()
    {
        var details = await Fixture.AddGuestAsync("xml-refused");
        var user = NewUser(Roles.Administrator);
        var panel = RenderPanel(user, Roles.Administrator, details);
        var before = Persistent(details);
        var broken = before.Replace("</domain>", "<devices>", StringComparison.Ordinal);

        panel.Find(TextBox("guest-xml-editor")).Input(broken);
        panel.Find("[data-testid='guest-xml-save']").Click();

        panel.WaitForAssertion(() => Assert.Contains("XML error", panel.Find("[data-testid='guest-xml-error']").TextContent), TimeSpan.FromSeconds(10));
        Assert.Equal(broken, panel.Find(TextBox("guest-xml-editor")).GetAttribute("value") ?? panel.Find(TextBox("guest-xml-editor")).TextContent);
        Assert.Equal(before, Persistent(details));
        var entry = Assert.Single(await AuditOfAsync(user));
        Assert.Equal(("edit-guest-xml", AuditEntry.ResultError, details.Guest.Uuid), (entry.Action, entry.Result, entry.TargetGuestUuid));
    }

    [Fact]
    public async Task An_accepted_save_defines_the_xml_and_shows_the_new_definition()
    {
        var details = await Fixture.AddGuestAsync("xml-saved");
        var panel = RenderPanel(NewUser(Roles.Administrator), Roles.Administrator, details);
        var edited = Persistent(details).Replace("4194304", "2097152", StringComparison.Ordinal);

        panel.Find(TextBox("guest-xml-editor")).Input(edited);
        panel.Find("[data-testid='guest-xml-save']").Click();

        panel.WaitForAssertion(() => Assert.Contains("2097152", panel.Find("[data-testid='guest-xml-persistent']").TextContent), TimeSpan.FromSeconds(10));
        Assert.Equal(edited, Assert.Single(Fixture.Agent.State.GuestPage.XmlSaved, saved => saved.Uuid == details.Guest.Uuid).Xml);
        Assert.Empty(panel.FindAll("[data-testid='guest-xml-error']"));
    }

    [Fact]
    public async Task An_operator_is_refused_by_the_service_and_the_refusal_is_audited()
    {
        var details = await Fixture.AddGuestAsync("xml-operator");
        var user = NewUser(Roles.Operator);
        SignIn(user, Roles.Operator);
        var gateway = Services.GetRequiredService<IGuestPageGateway>();

        var result = await gateway.SaveGuestXmlAsync(details.Guest, "<domain/>");

        Assert.Equal(ErrorCodes.Forbidden, result.ErrorCode);
        Assert.DoesNotContain(Fixture.Agent.State.GuestPage.XmlSaved, saved => saved.Uuid == details.Guest.Uuid);
        var entry = Assert.Single(await AuditOfAsync(user));
        Assert.Equal(("edit-guest-xml", AuditEntry.ResultError, "xml-operator"), (entry.Action, entry.Result, entry.TargetGuestName));
    }
}
