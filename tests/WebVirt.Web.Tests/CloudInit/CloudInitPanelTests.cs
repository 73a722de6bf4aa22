using System.Globalization;
using Bunit;
using WebVirt.Contracts;
using WebVirt.Web.Components.Guest;
using WebVirt.Web.Components.Pages;
using WebVirt.Web.Data;
using WebVirt.Web.Formatting;
using WebVirt.Web.Security;
using WebVirt.Web.Tests.GuestHardwareTests;
using WebVirt.Web.Tests.Infrastructure;
using static WebVirt.Web.Tests.GuestHardwareTests.HardwareSamples;

namespace WebVirt.Web.Tests.CloudInit;

/// <summary>The wizard's cloud image form, and the guest page's button that removes a seed early.</summary>
public sealed class CloudInitPanelTests(WebAppFixture app) : GuestPanelTestContext(app), IClassFixture<WebAppFixture>
{
    private readonly List<ProblemDto> _problems = [];
    private readonly List<string> _edited = [];

    private IRenderedComponent<CloudInitPanel> RenderForm(CloudInitForm form) =>
        Render<CloudInitPanel>(parameters => parameters
            .Add(p => p.Form, form)
            .Add(p => p.GuestName, "web-1")
            .Add(p => p.HasProblem, field => _problems.Any(p => p.Field == field))
            .Add(p => p.ProblemFor, field => _problems.Where(p => p.Field == field).Select(p => ProblemText.Format(p, CultureInfo.CurrentUICulture)).FirstOrDefault())
            .Add(p => p.Edited, field => _edited.Add(field)));

    [Fact]
    public void Typing_fills_the_form_and_the_dto_splits_keys_dns_and_packages()
    {
        var form = new CloudInitForm();
        var panel = RenderForm(form);

        panel.Find(Input("cloud-user")).Change("alice");
        panel.Find("textarea[data-testid='cloud-keys']").Change("ssh-ed25519 AAAA one\n\n  ssh-rsa BBBB two  \n");
        panel.Find(Input("cloud-packages")).Change("htop, vim  curl");
        panel.Find(Input("cloud-overlay")).Click();
        Assert.Empty(panel.FindAll("[data-testid='cloud-address']"));
        panel.Find(Input("cloud-static")).Click();
        panel.Find(Input("cloud-address")).Change("10.0.0.5/24");
        panel.Find(Input("cloud-gateway")).Change("10.0.0.1");
        panel.Find(Input("cloud-dns")).Change("10.0.0.53 1.1.1.1");

        CloudInitDto dto = form.ToDto();
        Assert.Equal("alice", dto.UserName);
        Assert.Equal(["ssh-ed25519 AAAA one", "ssh-rsa BBBB two"], dto.SshKeys);
        Assert.Equal(["htop", "vim", "curl"], dto.Packages);
        Assert.True(form.Linked);
        Assert.True(dto.StaticNetwork);
        Assert.Equal(("10.0.0.5/24", "10.0.0.1"), (dto.Address, dto.Gateway));
        Assert.Equal(["10.0.0.53", "1.1.1.1"], dto.DnsServers);
        Assert.Null(dto.Password);
        Assert.Contains("CloudInit.UserName", _edited);
        Assert.Contains("CloudInit.SshKeys", _edited);
        Assert.Equal("web-1", panel.Find(Input("cloud-host")).GetAttribute("placeholder"));
    }

    [Fact]
    public void The_agents_problems_show_at_their_fields_in_the_users_language()
    {
        _problems.Add(new ProblemDto("CloudInit.SshKeys", "CloudInit.SshKeyMalformed", ["2", "ssh-ed25519"]));
        _problems.Add(new ProblemDto("CloudInit.UserData", "CloudInit.UserDataYaml", ["4", "2", "While parsing a flow sequence"]));
        var panel = RenderForm(new CloudInitForm { UserData = "#cloud-config\nx: [" });

        Assert.Contains("SSH key on line 2 is not a valid ssh-ed25519 public key", panel.Markup, StringComparison.Ordinal);
        Assert.Contains("not valid YAML at line 4, column 2", panel.Markup, StringComparison.Ordinal);

        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-Hans");
        var chinese = RenderForm(new CloudInitForm());
        Assert.Contains("第 2 行的 SSH 公钥不是有效的 ssh-ed25519 公钥", chinese.Markup, StringComparison.Ordinal);
        Assert.Contains("SSH 公钥", chinese.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_seed_drive_gets_a_remove_button_which_asks_the_agent_and_audits_it()
    {
        SignInAs(Roles.Operator);
        var guest = AddGuest("seedy-" + Guid.NewGuid().ToString("N")[..6], GuestState.Running);
        var seed = new GuestDiskInfo("cdrom", "scsi", "sdb", $"/pool/{guest.Name}-cidata.iso", "raw", true, null, "default", guest.Name + "-cidata.iso", 1 << 20, 1 << 20);
        var hardware = Hardware() with { Disks = [.. Hardware().Disks, seed] };
        State.Hardware.Guests[guest.Uuid] = hardware;
        RenderDialogs();
        var panel = Render<GuestHardwarePanel>(parameters => parameters
            .Add(p => p.HostId, HostId)
            .Add(p => p.Details, Details(guest, hardware))
            .Add(p => p.Changed, () => { }));

        Assert.Empty(panel.FindAll("[data-testid='hw-disk-remove-seed-sda']"));
        panel.Find("[data-testid='hw-disk-remove-seed-sdb']").Click();

        // The fake agent answers that there is no seed: the refusal is audited (and reported in a snackbar).
        await Eventually.TrueAsync(async () => (await AuditEntriesAsync(guest)).Any(e => e.Action == "remove-cloud-seed" && e.Result == AuditEntry.ResultError), Patience);
    }
}
