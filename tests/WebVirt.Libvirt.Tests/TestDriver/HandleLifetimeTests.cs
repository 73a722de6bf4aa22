namespace WebVirt.Libvirt.Tests.TestDriver;

[Collection(IsolatedCollection.Name)]
public sealed class HandleLifetimeTests
{
    private const int Iterations = 10_000;

    [Fact]
    public void Ten_thousand_lookups_leave_handles_fds_and_memory_flat()
    {
        using LibvirtConnection connection = LibvirtConnection.Open(TestDriverCollection.Uri);
        string uuid;
        using (LibvirtDomain first = connection.LookupDomainByName(TestDriverCollection.DefaultDomain))
        {
            uuid = first.Uuid;
        }

        RunLookups(connection, uuid, 200);
        (long handles, int fds, long memory) before = Measure();

        RunLookups(connection, uuid, Iterations);
        (long handles, int fds, long memory) after = Measure();

        Assert.Equal(before.handles, after.handles);
        Assert.InRange(after.fds, 0, before.fds + 2);
        Assert.InRange(after.memory, 0, before.memory + (4 * 1024 * 1024));
    }

    [Fact]
    public void Domain_keeps_its_connection_open_after_the_connection_is_disposed()
    {
        long before = LibvirtSafeHandle.LiveCount;
        LibvirtConnection connection = LibvirtConnection.Open(TestDriverCollection.Uri);
        LibvirtDomain domain = connection.LookupDomainByName(TestDriverCollection.DefaultDomain);
        Assert.Equal(before + 2, LibvirtSafeHandle.LiveCount);

        connection.Dispose();
        Assert.Equal(before + 2, LibvirtSafeHandle.LiveCount);
        Assert.True(domain.IsActive());
        Assert.True(domain.Id > 0);

        domain.Dispose();
        Assert.Equal(before, LibvirtSafeHandle.LiveCount);
        Assert.Throws<ObjectDisposedException>(() => domain.IsActive());
    }

    [Fact]
    public void Listed_domains_release_their_handles()
    {
        using LibvirtConnection connection = LibvirtConnection.Open(TestDriverCollection.Uri);
        long before = LibvirtSafeHandle.LiveCount;

        for (int i = 0; i < 500; i++)
        {
            foreach (LibvirtDomain domain in connection.ListAllDomains())
            {
                domain.Dispose();
            }

            connection.GetAllDomainStats(DomainStatsTypes.State);
        }

        Assert.Equal(before, LibvirtSafeHandle.LiveCount);
    }

    private static void RunLookups(LibvirtConnection connection, string uuid, int count)
    {
        for (int i = 0; i < count; i++)
        {
            using LibvirtDomain byName = connection.LookupDomainByName(TestDriverCollection.DefaultDomain);
            using LibvirtDomain byUuid = connection.LookupDomainByUuid(uuid);
            _ = byName.GetXmlDesc();
        }
    }

    private static (long Handles, int Fds, long Memory) Measure()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return (LibvirtSafeHandle.LiveCount, Directory.GetFiles("/proc/self/fd").Length, GC.GetTotalMemory(forceFullCollection: true));
    }
}
