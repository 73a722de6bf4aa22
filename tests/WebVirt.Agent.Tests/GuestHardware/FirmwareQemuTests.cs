using System.Diagnostics;
using System.Xml.Linq;
using Microsoft.AspNetCore.SignalR.Client;
using WebVirt.Contracts;
using WebVirt.Testing;

namespace WebVirt.Agent.Tests.GuestHardware;

/// <summary>
/// A TCG guest on q35 with UEFI + Secure Boot (libvirt's auto-selection) and an emulated TPM 2.0,
/// booting the test system's ISO (Microsoft-signed shim, Debian-signed GRUB and kernel), then both
/// switched off through the agent's hub and booted again.
/// </summary>
[Trait("Category", "Qemu")]
public sealed class FirmwareQemuTests : IAsyncLifetime
{
    private const string Uri = "qemu:///system";
    private static readonly TimeSpan Boot = TimeSpan.FromSeconds(240);

    private readonly string _name = TestRun.GuestName("fw-guest");
    private AgentFactory? _agent;
    private HubConnection? _hub;
    private string _directory = "";
    private string _uuid = "";

    private string SerialLogPath => TestGuestDomainXml.SerialLogPath(_name, _directory);

    public async Task InitializeAsync()
    {
        _directory = TestGuestImages.CreateRunDirectory();
        await TestGuestImages.CopyIntoAsync(_directory, CancellationToken.None, TestGuestImages.Iso);
        using (var connection = LibvirtConnection.Open(Uri))
        using (var domain = connection.DefineDomainXml(GuestXml(), DomainDefineFlags.Validate))
        {
            _uuid = domain.Uuid;
        }

        _agent = new AgentFactory(Uri);
        _hub = _agent.CreateHubConnection(AgentFactory.Token);
        await _hub.StartAsync();
        await _hub.WaitUntilConnectedAsync(HardwareGuestFixture.Wait);
        await _hub.WaitForGuestAsync(_name, HardwareGuestFixture.Wait);
    }

    public async Task DisposeAsync()
    {
        if (_hub is not null)
        {
            await _hub.DisposeAsync();
        }

        if (_agent is not null)
        {
            await _agent.DisposeAsync();
        }

        TestGuestCleaner.RemoveRunGuests(Uri, prefix: _name);
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Secure_boot_and_tpm_boot_the_test_system_and_both_switch_off_through_the_hub()
    {
        var host = await _hub!.InvokeAsync<HostLimitsDto>(nameof(IAgentHub.GetHostLimits));
        Assert.True(host.TpmAvailable, "swtpm is installed here: libvirt offers the emulator backend");
        Assert.True(host.SecureBootAvailable, "ovmf is installed here: libvirt offers a Secure Boot firmware for q35");

        Start();
        string log = await SerialLog.WaitForAsync(SerialLogPath, "TPM: ", Boot);
        XElement live = Xml(inactive: false);
        XElement loader = live.Element("os")!.Element("loader")!;
        Assert.Equal("yes", (string?)loader.Attribute("secure"));
        Assert.Contains("OVMF_CODE", loader.Value, StringComparison.Ordinal);
        Assert.Contains("UEFI Secure Boot is enabled", log, StringComparison.Ordinal);
        Assert.Contains("WEBVIRT TEST GUEST READY", log, StringComparison.Ordinal);
        Assert.Contains("TPM: tpm0", log, StringComparison.Ordinal);
        Assert.Contains(SwtpmCommandLines(), line => line.Contains(_uuid, StringComparison.Ordinal));

        // Both switches refuse a running guest and change nothing.
        var refused = await Invoke(nameof(IAgentHub.SetGuestTpm), false);
        Assert.False(refused.Ok);
        Assert.Contains(refused.Problems!, p => p.Key == "Firmware.MustBeShutOff");
        Assert.NotNull(Xml(inactive: true).Element("devices")!.Element("tpm"));

        Destroy();
        // swtpm keeps the TPM's state under libvirt's swtpm folder, named by the guest's UUID.
        string state = Path.Combine("/var/lib/libvirt/swtpm", _uuid);
        Assert.True(Directory.Exists(state), state);
        var tpm = await Invoke(nameof(IAgentHub.SetGuestTpm), false);
        var secureBoot = await Invoke(nameof(IAgentHub.SetGuestSecureBoot), false);
        Assert.True(tpm.Ok, tpm.ToString());
        Assert.True(secureBoot.Ok, secureBoot.ToString());
        XElement persistent = Xml(inactive: true);
        Assert.Null(persistent.Element("devices")!.Element("tpm"));
        Assert.False(Directory.Exists(state), "removing the TPM removes its state");
        Assert.Equal("no", (string?)persistent.Element("os")!.Element("firmware")!.Elements("feature").Single(f => (string?)f.Attribute("name") == "secure-boot").Attribute("enabled"));

        var details = await _hub!.InvokeAsync<GuestDetails?>(nameof(IAgentHub.GetGuestDetails), _uuid);
        Assert.False(details!.Hardware.SecureBoot);
        Assert.Null(details.Hardware.Tpm);
        Assert.Equal("uefi", details.Firmware);

        File.Delete(SerialLogPath);
        Start();
        log = await SerialLog.WaitForAsync(SerialLogPath, "TPM: ", Boot);
        Assert.Contains("TPM: none", log, StringComparison.Ordinal);
        Assert.DoesNotContain("UEFI Secure Boot is enabled", log, StringComparison.Ordinal);
        Assert.NotEqual("yes", (string?)Xml(inactive: false).Element("os")!.Element("loader")!.Attribute("secure"));
        Destroy();
    }

    private Task<ActionResult> Invoke(string method, params object?[] args) => _hub!.InvokeCoreAsync<ActionResult>(method, [_uuid, .. args]);

    private void Start()
    {
        using var connection = LibvirtConnection.Open(Uri);
        using var domain = connection.LookupDomainByUuid(_uuid);
        domain.Create();
    }

    private void Destroy()
    {
        using var connection = LibvirtConnection.Open(Uri);
        using var domain = connection.LookupDomainByUuid(_uuid);
        domain.Destroy();
    }

    private XElement Xml(bool inactive)
    {
        using var connection = LibvirtConnection.Open(Uri);
        using var domain = connection.LookupDomainByUuid(_uuid);
        return XElement.Parse(domain.GetXmlDesc(inactive));
    }

    /// <summary>The command lines of the running swtpm processes (libvirt names the guest's state directory by its UUID).</summary>
    private static IReadOnlyList<string> SwtpmCommandLines() =>
        [.. Process.GetProcessesByName("swtpm").Select(p =>
        {
            using (p)
            {
                return File.ReadAllText($"/proc/{p.Id}/cmdline").Replace('\0', ' ');
            }
        })];

    /// <summary>
    /// The test guest's CD-ROM boot, moved to q35 with what the wizard writes for UEFI + Secure Boot
    /// + TPM. 512 MiB: with 256 the Secure Boot firmware and the kernel reset in a loop.
    /// </summary>
    private string GuestXml()
    {
        XElement domain = XElement.Parse(TestGuestDomainXml.CdromBoot(_name, _directory));
        domain.Element("memory")!.Value = "512";
        XElement os = domain.Element("os")!;
        os.SetAttributeValue("firmware", "efi");
        os.Element("type")!.SetAttributeValue("machine", "q35");
        os.Element("type")!.AddAfterSelf(Domain.Definition.FirmwareXml.Features(secureBoot: true));
        domain.Element("features")!.Add(Domain.Definition.FirmwareXml.Smm());
        domain.Element("devices")!.Add(Domain.Definition.FirmwareXml.Tpm("q35"));
        return domain.ToString();
    }
}
