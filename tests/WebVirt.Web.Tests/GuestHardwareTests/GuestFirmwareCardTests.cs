using System.Globalization;
using Bunit;
using MudBlazor;
using WebVirt.Contracts;
using WebVirt.Web.Components.Guest;
using WebVirt.Web.Data;
using WebVirt.Web.Security;
using WebVirt.Web.Tests.Infrastructure;
using static WebVirt.Web.Tests.GuestHardwareTests.HardwareSamples;

namespace WebVirt.Web.Tests.GuestHardwareTests;

/// <summary>The hardware tab's firmware card: what it shows, its TPM and Secure Boot switches, and when they are off limits.</summary>
public sealed class GuestFirmwareCardTests(WebAppFixture app) : GuestPanelTestContext(app), IClassFixture<WebAppFixture>
{
    private int _changed;
    private IRenderedComponent<MudDialogProvider>? _dialogs;

    private (GuestInfo Guest, IRenderedComponent<GuestHardwarePanel> Panel) RenderPanel(string role, GuestState state, string firmware, Func<GuestHardware, GuestHardware> change)
    {
        SignInAs(role);
        var guest = AddGuest("fw-" + Guid.NewGuid().ToString("N")[..8], state);
        var hardware = change(Hardware());
        State.Hardware.Guests[guest.Uuid] = hardware;
        _dialogs = RenderDialogs();
        var panel = Render<GuestHardwarePanel>(parameters => parameters
            .Add(p => p.HostId, HostId)
            .Add(p => p.Details, Details(guest, hardware) with { Firmware = firmware })
            .Add(p => p.Changed, () => _changed++));
        return (guest, panel);
    }

    private static string Text(IRenderedComponent<GuestHardwarePanel> panel, string testId) => panel.Find($"[data-testid='{testId}']").TextContent.Trim();

    [Fact]
    public void The_card_shows_uefi_secure_boot_and_the_tpm_and_viewers_get_no_switches()
    {
        var (_, panel) = RenderPanel(Roles.Viewer, GuestState.ShutOff, "uefi", h => h with { SecureBoot = true, Tpm = "tpm-crb" });

        Assert.Equal("UEFI", Text(panel, "hw-firmware-kind"));
        Assert.Equal("on", Text(panel, "hw-firmware-secureboot"));
        Assert.Equal("TPM 2.0, emulated (tpm-crb)", Text(panel, "hw-firmware-tpm"));
        Assert.Empty(panel.FindAll("[data-testid='hw-firmware-tpm-switch'], [data-testid='hw-firmware-secureboot-switch']"));
    }

    [Fact]
    public async Task Switching_secure_boot_off_and_the_tpm_on_sends_each_edit_and_audits_it()
    {
        var (guest, panel) = RenderPanel(Roles.Operator, GuestState.ShutOff, "uefi", h => h with { SecureBoot = true });

        panel.Find(Input("hw-firmware-secureboot-switch")).Change(false);
        panel.WaitForAssertion(() => Assert.Single(State.Hardware.Calls), Patience);
        // The card disables its switches until the first edit has been audited and reported;
        // flipping the TPM before that would be ignored, as it is for a user.
        panel.WaitForAssertion(() => Assert.Equal(1, _changed), Patience);
        panel.WaitForAssertion(() => Assert.False(panel.Find(Input("hw-firmware-tpm-switch")).HasAttribute("disabled")), Patience);
        panel.Find(Input("hw-firmware-tpm-switch")).Change(true);
        panel.WaitForAssertion(() => Assert.Equal(2, State.Hardware.Calls.Count), Patience);

        var calls = State.Hardware.Calls.ToArray();
        Assert.Equal((nameof(IAgentHub.SetGuestSecureBoot), guest.Uuid, (object?)false), (calls[0].Method, calls[0].Uuid, calls[0].Args[0]));
        Assert.Equal((nameof(IAgentHub.SetGuestTpm), guest.Uuid, (object?)true), (calls[1].Method, calls[1].Uuid, calls[1].Args[0]));
        Assert.False(State.Hardware.Guests[guest.Uuid].SecureBoot);
        Assert.Equal("tpm-crb", State.Hardware.Guests[guest.Uuid].Tpm);
        panel.WaitForAssertion(() => Assert.Equal(2, _changed), Patience);
        var actions = (await AuditEntriesAsync(guest)).Select(e => (e.Action, e.Result)).ToList();
        Assert.Contains(("set-guest-secure-boot", AuditEntry.ResultOk), actions);
        Assert.Contains(("add-guest-tpm", AuditEntry.ResultOk), actions);
    }

    [Fact]
    public void A_refusal_is_shown_at_the_card_and_changes_nothing()
    {
        var (guest, panel) = RenderPanel(Roles.Operator, GuestState.ShutOff, "uefi", h => h);
        State.Hardware.NextResult = ActionResult.Refused([new ProblemDto("Tpm", "Tpm.Unavailable", [])]);

        panel.Find(Input("hw-firmware-tpm-switch")).Change(true);

        panel.WaitForAssertion(() => Assert.Contains("swtpm", Text(panel, "hw-firmware-error"), StringComparison.Ordinal), Patience);
        Assert.Contains("apt-get install swtpm swtpm-tools", Text(panel, "hw-firmware-error"), StringComparison.Ordinal);
        Assert.Null(State.Hardware.Guests[guest.Uuid].Tpm);
        Assert.Equal(0, _changed);
    }

    [Fact]
    public void A_running_guest_cannot_switch()
    {
        var (_, running) = RenderPanel(Roles.Operator, GuestState.Running, "uefi", h => h);
        Assert.True(running.Find(Input("hw-firmware-tpm-switch")).HasAttribute("disabled"));
        Assert.True(running.Find(Input("hw-firmware-secureboot-switch")).HasAttribute("disabled"));
        Assert.Equal("Shut the guest off to change Secure Boot or the TPM.", Text(running, "hw-firmware-shutoff"));
    }

    [Fact]
    public void A_bios_guest_gets_a_tpm_but_no_secure_boot()
    {
        var (_, bios) = RenderPanel(Roles.Operator, GuestState.ShutOff, "bios", h => h);
        Assert.False(bios.Find(Input("hw-firmware-tpm-switch")).HasAttribute("disabled"));
        Assert.True(bios.Find(Input("hw-firmware-secureboot-switch")).HasAttribute("disabled"));
        Assert.Equal("BIOS", Text(bios, "hw-firmware-kind"));
    }

    [Fact]
    public void Chinese_users_see_chinese_labels()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-Hans");

        var (_, panel) = RenderPanel(Roles.Viewer, GuestState.ShutOff, "uefi", h => h with { SecureBoot = true });

        Assert.Contains("固件与 TPM", Text(panel, "hw-firmware-card"), StringComparison.Ordinal);
        Assert.Equal("开启", Text(panel, "hw-firmware-secureboot"));
        Assert.Equal("无", Text(panel, "hw-firmware-tpm"));
    }

    [Fact]
    public void Removing_the_tpm_is_confirmed_by_a_text_that_says_its_state_goes_too()
    {
        var (guest, panel) = RenderPanel(Roles.Operator, GuestState.ShutOff, "uefi", h => h with { Tpm = "tpm-crb" });
        var dialogs = _dialogs!;

        panel.Find(Input("hw-firmware-tpm-switch")).Change(false);
        dialogs.WaitForAssertion(() => Assert.Contains("Its state is deleted from the host with it", dialogs.Markup, StringComparison.Ordinal), Patience);
        Assert.Equal("Remove TPM and its state", dialogs.Find("[data-testid='confirm-ok']").TextContent.Trim());
        dialogs.Find("[data-testid='confirm-cancel']").Click();
        Assert.Empty(State.Hardware.Calls);

        panel.Find(Input("hw-firmware-tpm-switch")).Change(false);
        dialogs.WaitForAssertion(() => dialogs.Find("[data-testid='confirm-ok']").Click(), Patience);

        panel.WaitForAssertion(() => Assert.Single(State.Hardware.Calls), Patience);
        var call = State.Hardware.Calls.Single();
        Assert.Equal((nameof(IAgentHub.SetGuestTpm), guest.Uuid, (object?)false), (call.Method, call.Uuid, call.Args[0]));
    }
}
