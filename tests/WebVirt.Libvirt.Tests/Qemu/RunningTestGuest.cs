using WebVirt.Libvirt.Tests.TestDriver;
using WebVirt.Testing;

namespace WebVirt.Libvirt.Tests.Qemu;

// The shared booted guest of QemuFixture: direct kernel boot, a qcow2 volume from a run pool as
// vda, and a NIC on a transient isolated network. The fixture's cleaners remove all three.
public sealed class RunningTestGuest
{
    public const string DiskTarget = "vda";
    public const ulong DiskBytes = 16 * 1024 * 1024;
    public const string Mac = "52:54:00:5e:00:2a";

    private static readonly TimeSpan s_bootTimeout = TimeSpan.FromSeconds(90);

    private RunningTestGuest(string name, string serialLog)
    {
        Name = name;
        SerialLog = serialLog;
    }

    public string Name { get; }

    public string SerialLog { get; }

    internal static async Task<RunningTestGuest> BootAsync(string runDirectory)
    {
        string name = TestRun.GuestName("shared");
        using LibvirtConnection connection = LibvirtConnection.Open(QemuFixture.Uri);

        string poolDirectory = Path.Combine(runDirectory, "shared-pool");
        using LibvirtStoragePool pool = connection.CreateStoragePoolXml(
            TestStorageXml.DirPool(TestRun.GuestName("shared-pool"), poolDirectory), StoragePoolCreateFlags.WithBuild);
        using LibvirtStorageVolume disk = pool.CreateVolumeXml(TestStorageXml.Volume("shared.qcow2", DiskBytes, "qcow2"));

        string networkName = TestRun.GuestName("shared-net");
        using LibvirtNetwork network = connection.CreateNetworkXml(QemuTestXml.IsolatedNetwork(networkName, IsolatedSubnet.PickThirdOctet(connection)));

        string xml = QemuTestXml.WithDevices(
            TestGuestDomainXml.DirectKernelBoot(name, runDirectory),
            QemuTestXml.Disk(disk.GetPath(), DiskTarget),
            QemuTestXml.NetworkInterface(networkName, Mac));
        using LibvirtDomain domain = connection.DefineDomainXml(xml, DomainDefineFlags.Validate);
        domain.Create();

        var guest = new RunningTestGuest(name, TestGuestDomainXml.SerialLogPath(name, runDirectory));
        await WebVirt.Testing.SerialLog.WaitForAsync(guest.SerialLog, "WEBVIRT TEST GUEST READY", s_bootTimeout);
        return guest;
    }
}
