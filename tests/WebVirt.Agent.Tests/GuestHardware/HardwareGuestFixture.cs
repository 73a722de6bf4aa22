using System.Xml.Linq;
using Microsoft.AspNetCore.SignalR.Client;
using WebVirt.Contracts;
using WebVirt.Testing;

namespace WebVirt.Agent.Tests.GuestHardware;

/// <summary>
/// An in-process agent on qemu:///system and one TCG test guest of its own (direct kernel boot,
/// up to 2 vCPUs with 1 online, a 16 MiB qcow2 vda from a run pool, an empty IDE CD-ROM hdc, and a
/// card on an isolated network that has no address at all, so nothing can reach anything). The
/// pool also holds a copy of the test guest's ISO. Everything is named with <see cref="Prefix"/>
/// and removed on dispose, also after failures.
/// </summary>
public abstract class HardwareGuestFixture(string purpose, bool boot) : IAsyncLifetime
{
    public const string Uri = "qemu:///system";
    public const string Mac = "52:54:00:5e:01:2a";
    public const long DiskBytes = 16 * 1024 * 1024;

    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    private string _directory = "";

    public string Prefix { get; } = TestRun.GuestName(purpose);

    public string Name => Prefix + "guest";

    public string PoolName => Prefix + "pool";

    public string NetworkName => Prefix + "net";

    public string PoolPath => Path.Combine(_directory, "pool");

    public string SerialLogPath => TestGuestDomainXml.SerialLogPath(Name, _directory);

    public string Uuid { get; private set; } = "";

    public string DiskPath { get; private set; } = "";

    public AgentFactory Agent { get; private set; } = null!;

    public HubConnection Hub { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _directory = TestGuestImages.CreateRunDirectory();
        Directory.CreateDirectory(PoolPath);
        File.SetUnixFileMode(PoolPath, (UnixFileMode)0b111_101_101);
        await TestGuestImages.CopyIntoAsync(_directory, CancellationToken.None, TestGuestImages.Kernel, TestGuestImages.Initrd);
        await TestGuestImages.CopyIntoAsync(PoolPath, CancellationToken.None, TestGuestImages.Iso);
        using (var connection = LibvirtConnection.Open(Uri))
        {
            using var pool = connection.CreateStoragePoolXml(
                $"<pool type='dir'><name>{PoolName}</name><target><path>{PoolPath}</path></target></pool>");
            using var disk = pool.CreateVolumeXml(
                $"<volume><name>{Prefix}vda.qcow2</name><capacity unit='bytes'>{DiskBytes}</capacity><target><format type='qcow2'/></target></volume>");
            DiskPath = disk.GetPath();
            using var network = connection.CreateNetworkXml($"<network><name>{NetworkName}</name></network>");
            using var domain = connection.DefineDomainXml(GuestXml(), DomainDefineFlags.Validate);
            Uuid = domain.Uuid;
        }

        Agent = new AgentFactory(Uri);
        Hub = Agent.CreateHubConnection(AgentFactory.Token);
        await Hub.StartAsync();
        await Hub.WaitUntilConnectedAsync(Wait);
        await Hub.WaitForGuestAsync(Name, Wait);
        if (boot)
        {
            await BootAsync();
        }
    }

    public async Task DisposeAsync()
    {
        var failures = new List<Exception>();
        try
        {
            if (Hub is not null)
            {
                await Hub.DisposeAsync();
            }

            if (Agent is not null)
            {
                await Agent.DisposeAsync();
            }
        }
        finally
        {
            Collect(() => TestGuestCleaner.RemoveRunGuests(Uri, prefix: Prefix), failures);
            Collect(() => TestResourceCleaner.RemoveRunPoolsAndNetworks(Uri, Prefix), failures);
            Collect(() => Directory.Delete(_directory, recursive: true), failures);
        }

        if (failures.Count > 0)
        {
            throw new AggregateException(failures);
        }
    }

    public async Task BootAsync()
    {
        using (var connection = LibvirtConnection.Open(Uri))
        using (var domain = connection.LookupDomainByUuid(Uuid))
        {
            domain.Create();
        }

        await SerialLog.WaitForAsync(SerialLogPath, "WEBVIRT TEST GUEST READY", TimeSpan.FromSeconds(90));
    }

    public Task<ActionResult> InvokeAsync(string method, params object?[] args) => Hub.InvokeCoreAsync<ActionResult>(method, [Uuid, .. args]);

    public XElement PersistentXml() => Xml(inactive: true);

    public XElement LiveXml() => Xml(inactive: false);

    public T WithDomain<T>(Func<LibvirtConnection, LibvirtDomain, T> read)
    {
        using var connection = LibvirtConnection.Open(Uri);
        using var domain = connection.LookupDomainByUuid(Uuid);
        return read(connection, domain);
    }

    public IReadOnlyList<string> PoolVolumeNames()
    {
        using var connection = LibvirtConnection.Open(Uri);
        using var pool = connection.LookupStoragePoolByName(PoolName);
        pool.Refresh();
        return [.. pool.ListAllVolumes().Select(v => { using (v) { return v.Name; } })];
    }

    private XElement Xml(bool inactive) => XElement.Parse(WithDomain((_, d) => d.GetXmlDesc(inactive)));

    private string GuestXml()
    {
        XElement domain = XElement.Parse(TestGuestDomainXml.DirectKernelBoot(Name, _directory));
        XElement vcpu = domain.Element("vcpu")!;
        vcpu.Value = "2";
        vcpu.SetAttributeValue("current", 1);
        domain.Element("devices")!.AddFirst(
            new XElement(
                "disk",
                new XAttribute("type", "file"),
                new XAttribute("device", "disk"),
                new XElement("driver", new XAttribute("name", "qemu"), new XAttribute("type", "qcow2")),
                new XElement("source", new XAttribute("file", DiskPath)),
                new XElement("target", new XAttribute("dev", "vda"), new XAttribute("bus", "virtio"))),
            new XElement(
                "disk",
                new XAttribute("type", "file"),
                new XAttribute("device", "cdrom"),
                new XElement("driver", new XAttribute("name", "qemu"), new XAttribute("type", "raw")),
                new XElement("target", new XAttribute("dev", "hdc"), new XAttribute("bus", "ide")),
                new XElement("readonly")),
            new XElement(
                "interface",
                new XAttribute("type", "network"),
                new XElement("mac", new XAttribute("address", Mac)),
                new XElement("source", new XAttribute("network", NetworkName)),
                new XElement("model", new XAttribute("type", "virtio"))));
        return domain.ToString();
    }

    private static void Collect(Action action, List<Exception> failures)
    {
        try
        {
            action();
        }
        catch (Exception ex)
        {
            failures.Add(ex);
        }
    }
}

/// <summary>The guest defined and left shut off.</summary>
public sealed class ShutOffGuestFixture() : HardwareGuestFixture("hwoff-", boot: false);

/// <summary>The guest booted once and shared by the tests of a class.</summary>
public sealed class RunningGuestFixture() : HardwareGuestFixture("hwlive-", boot: true);
