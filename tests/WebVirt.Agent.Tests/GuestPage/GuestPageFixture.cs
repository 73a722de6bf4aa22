using System.Xml.Linq;
using Microsoft.AspNetCore.SignalR.Client;
using WebVirt.Libvirt;
using WebVirt.Testing;

namespace WebVirt.Agent.Tests.GuestPage;

/// <summary>The classes that share one <see cref="GuestPageFixture"/> (its pool has a fixed name): one after another.</summary>
[CollectionDefinition(Name)]
public sealed class GuestPageCollection : ICollectionFixture<GuestPageFixture>
{
    public const string Name = "guest page";
}

/// <summary>
/// An in-process agent on qemu:///system with its own database, a run directory holding the test
/// guest's kernel and initrd, and a run-prefixed directory pool for the guests' disks. Every guest
/// and pool is named with <see cref="Prefix"/> and removed on dispose, also after failures.
/// </summary>
public sealed class GuestPageFixture : IAsyncLifetime
{
    public const string Uri = "qemu:///system";
    public const string LibosinfoId = "http://debian.org/debian/11";
    public const long DiskBytes = 64L * 1024 * 1024;

    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    public static string Prefix { get; } = TestRun.GuestName("gp-");


    public string RunDirectory { get; private set; } = "";

    public string PoolName { get; } = Prefix + "pool";

    public AgentFactory Agent { get; private set; } = null!;

    public HubConnection Hub { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        RunDirectory = TestGuestImages.CreateRunDirectory();
        await TestGuestImages.CopyIntoAsync(RunDirectory, CancellationToken.None, TestGuestImages.Kernel, TestGuestImages.Initrd);
        string poolPath = Path.Combine(RunDirectory, "pool");
        Directory.CreateDirectory(poolPath);
        File.SetUnixFileMode(poolPath, (UnixFileMode)0b111_101_101);
        using (var connection = LibvirtConnection.Open(Uri))
        {
            using var pool = connection.CreateStoragePoolXml($"<pool type='dir'><name>{PoolName}</name><target><path>{poolPath}</path></target></pool>");
        }

        Agent = new AgentFactory(Uri);
        Hub = Agent.CreateHubConnection(AgentFactory.Token);
        await Hub.StartAsync();
        await Hub.WaitUntilConnectedAsync(Wait);
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
            Collect(() => TestGuestCleaner.RemoveRunGuests(Uri, RunDirectory, Prefix), failures);
            Collect(() => TestResourceCleaner.RemoveRunPoolsAndNetworks(Uri, Prefix), failures);
        }

        if (failures.Count > 0)
        {
            throw new AggregateException(failures);
        }
    }

    /// <summary>
    /// Defines a TCG test guest booting the test kernel, with a new 64 MiB qcow2 volume of the pool
    /// as vda and virt-install's libosinfo record; returns its UUID once the agent lists it.
    /// </summary>
    public async Task<string> DefineGuestAsync(string name)
    {
        var domain = XElement.Parse(TestGuestDomainXml.DirectKernelBoot(name, RunDirectory));
        XNamespace libosinfo = "http://libosinfo.org/xmlns/libvirt/domain/1.0";
        domain.Element("name")!.AddAfterSelf(new XElement(
            "metadata",
            new XElement(libosinfo + "libosinfo", new XAttribute(XNamespace.Xmlns + "libosinfo", libosinfo.NamespaceName), new XElement(libosinfo + "os", new XAttribute("id", LibosinfoId)))));
        using (var connection = LibvirtConnection.Open(Uri))
        {
            using var pool = connection.LookupStoragePoolByName(PoolName);
            using var volume = pool.CreateVolumeXml(
                $"<volume><name>{name}.qcow2</name><capacity unit='bytes'>{DiskBytes}</capacity><target><format type='qcow2'/></target></volume>");
            domain.Element("devices")!.AddFirst(new XElement(
                "disk",
                new XAttribute("type", "file"),
                new XAttribute("device", "disk"),
                new XElement("driver", new XAttribute("name", "qemu"), new XAttribute("type", "qcow2")),
                new XElement("source", new XAttribute("file", volume.GetPath())),
                new XElement("target", new XAttribute("dev", "vda"), new XAttribute("bus", "virtio"))));
            using var defined = connection.DefineDomainXml(domain.ToString());
        }

        return (await Hub.WaitForGuestAsync(name, Wait)).Uuid;
    }

    /// <summary>Removes one test's guest (and its volume) at the end of the test, also when it failed.</summary>
    public void RemoveGuest(string name)
    {
        using var connection = LibvirtConnection.Open(Uri);
        try
        {
            using var domain = connection.LookupDomainByName(name);
            if (domain.IsActive())
            {
                domain.Destroy();
            }

            domain.Undefine();
        }
        catch (LibvirtException ex) when (ex.Code == LibvirtErrorCodes.NoDomain)
        {
        }

        try
        {
            using var pool = connection.LookupStoragePoolByName(PoolName);
            using var volume = pool.LookupVolumeByName(name + ".qcow2");
            volume.Delete();
        }
        catch (LibvirtException)
        {
            // Never made, or the pool went with a failed setup.
        }
    }

    public static string PersistentXml(string uuid)
    {
        using var connection = LibvirtConnection.Open(Uri);
        using var domain = connection.LookupDomainByUuid(uuid);
        return domain.GetXmlDesc(inactive: true);
    }

    public async Task<T> InvokeAsync<T>(string method, params object?[] args) => await Hub.InvokeCoreAsync<T>(method, args);

    /// <summary>Polls until <paramref name="done"/> holds; the agent writes history and records a moment after libvirt's events.</summary>
    public static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (true)
        {
            T value = await read();
            if (done(value))
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting for {what}.");
            }

            await Task.Delay(200);
        }
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
