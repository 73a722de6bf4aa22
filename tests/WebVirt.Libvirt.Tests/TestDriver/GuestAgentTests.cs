namespace WebVirt.Libvirt.Tests.TestDriver;

/// <summary>
/// The guest agent calls as far as libvirt's test driver goes: it has no guest agent, so
/// virDomainGetGuestInfo is unsupported and the agent shutdown mode is refused, while the default
/// mode shuts the domain down. The agent's answers themselves are read by the Qemu tests.
/// </summary>
[Collection(TestDriverCollection.Name)]
public sealed class GuestAgentTests : IDisposable
{
    private readonly LibvirtConnection _connection = LibvirtConnection.Open(TestDriverCollection.Uri);

    public void Dispose() => _connection.Dispose();

    [Fact]
    public void Guest_info_on_a_driver_without_an_agent_is_reported_as_unsupported()
    {
        using LibvirtDomain domain = _connection.LookupDomainByName(TestDriverCollection.DefaultDomain);

        var error = Assert.Throws<LibvirtException>(() => domain.GetGuestInfo(GuestInfoTypes.Hostname | GuestInfoTypes.OperatingSystem));

        Assert.Equal(LibvirtErrorCodes.NoSupport, error.Code);
        Assert.Contains("virDomainGetGuestInfo", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Shutdown_modes_reach_the_driver_which_refuses_the_agent_mode_and_takes_acpi()
    {
        string name = TestDomainXml.UniqueName("agentmode");
        using LibvirtDomain domain = _connection.DefineDomainXml(TestDomainXml.Create(name));
        try
        {
            domain.Create();

            var refused = Assert.Throws<LibvirtException>(() => domain.Shutdown(DomainShutdownMode.GuestAgent));
            Assert.Equal(LibvirtErrorCodes.InvalidArg, refused.Code);
            Assert.Equal(DomainState.Running, domain.GetState().State);

            // The test driver's reboot takes any mode and keeps the domain running.
            domain.Reboot(DomainShutdownMode.AcpiPowerButton);
            Assert.Equal(DomainState.Running, domain.GetState().State);

            domain.Shutdown(DomainShutdownMode.Default);
            Assert.Equal(DomainState.Shutoff, domain.GetState().State);

            Assert.Throws<LibvirtException>(() => domain.FreezeFileSystems());
        }
        finally
        {
            if (domain.IsActive())
            {
                domain.Destroy();
            }

            domain.Undefine();
        }
    }

    [Fact]
    public void Guest_info_parameters_become_records_and_missing_entries_are_skipped()
    {
        var parameters = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["os.id"] = "debian",
            ["os.name"] = "Debian GNU/Linux",
            ["os.pretty-name"] = "Debian GNU/Linux 12 (bookworm)",
            ["os.version"] = "12 (bookworm)",
            ["os.kernel-release"] = "6.1.0-28-cloud-amd64",
            ["os.machine"] = "x86_64",
            ["hostname"] = "web-1",
            ["timezone.name"] = "CET",
            ["timezone.offset"] = 3600,
            ["user.count"] = 2u,
            ["user.0.name"] = "root",
            ["user.0.login-time"] = 1764835200123UL,
            ["fs.count"] = 2u,
            ["fs.0.mountpoint"] = "/",
            ["fs.0.name"] = "vda1",
            ["fs.0.fstype"] = "ext4",
            ["fs.0.total-bytes"] = 1000UL,
            ["fs.0.used-bytes"] = 250UL,
            ["fs.0.disk.count"] = 1u,
            ["fs.0.disk.0.alias"] = "vda",
            ["fs.0.disk.0.device"] = "/dev/vda1",
            ["fs.1.mountpoint"] = "/boot/efi",
        };

        DomainGuestInfo info = DomainGuestInfoReader.Read(parameters);

        Assert.Equal(("debian", "Debian GNU/Linux 12 (bookworm)", "6.1.0-28-cloud-amd64", "x86_64"),
            (info.OperatingSystem!.Id, info.OperatingSystem.PrettyName, info.OperatingSystem.KernelRelease, info.OperatingSystem.Machine));
        Assert.Equal("web-1", info.Hostname);
        Assert.Equal(new GuestTimezone("CET", 3600), info.Timezone);
        GuestUser user = Assert.Single(info.Users);
        Assert.Equal(("root", (string?)null, DateTimeOffset.FromUnixTimeMilliseconds(1764835200123)), (user.Name, user.Domain, user.LoginTime!.Value));
        Assert.Equal(2, info.FileSystems.Count);
        Assert.Equal(("/", "ext4", (ulong?)1000, (ulong?)250), (info.FileSystems[0].MountPoint, info.FileSystems[0].Type, info.FileSystems[0].TotalBytes, info.FileSystems[0].UsedBytes));
        Assert.Equal(new GuestFileSystemDisk("vda", null, "/dev/vda1"), Assert.Single(info.FileSystems[0].Disks));
        Assert.Equal(("/boot/efi", (ulong?)null), (info.FileSystems[1].MountPoint, info.FileSystems[1].TotalBytes));
        Assert.Empty(info.FileSystems[1].Disks);

        DomainGuestInfo empty = DomainGuestInfoReader.Read(new Dictionary<string, object>(StringComparer.Ordinal));
        Assert.Equal((null, null, null, 0, 0), (empty.OperatingSystem, empty.Hostname, empty.Timezone, empty.Users.Count, empty.FileSystems.Count));
    }
}
