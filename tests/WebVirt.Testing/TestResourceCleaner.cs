using WebVirt.Libvirt;

namespace WebVirt.Testing;

// Removes the storage pools (with their volumes) and networks a run created, also after failures:
// everything whose name starts with the run prefix. Guests go through TestGuestCleaner first, so
// no guest still uses a volume or network removed here.
public static class TestResourceCleaner
{
    public static IReadOnlyList<string> RemoveRunPoolsAndNetworks(string uri, string? prefix = null)
    {
        prefix ??= TestRun.Prefix;
        if (!prefix.StartsWith(TestRun.CommonPrefix, StringComparison.Ordinal))
        {
            throw new ArgumentException($"refusing to clean resources outside the '{TestRun.CommonPrefix}' namespace", nameof(prefix));
        }

        var removed = new List<string>();
        var failures = new List<Exception>();
        using LibvirtConnection connection = LibvirtConnection.Open(uri);
        foreach (LibvirtStoragePool pool in connection.ListAllStoragePools())
        {
            using (pool)
            {
                if (pool.Name.StartsWith(prefix, StringComparison.Ordinal))
                {
                    Collect(() => RemovePool(pool), pool.Name, removed, failures);
                }
            }
        }

        foreach (LibvirtNetwork network in connection.ListAllNetworks())
        {
            using (network)
            {
                if (network.Name.StartsWith(prefix, StringComparison.Ordinal))
                {
                    Collect(() => RemoveNetwork(network), network.Name, removed, failures);
                }
            }
        }

        if (failures.Count > 0)
        {
            throw new AggregateException("some test pools or networks could not be removed", failures);
        }

        return removed;
    }

    private static void Collect(Action remove, string name, List<string> removed, List<Exception> failures)
    {
        try
        {
            remove();
            removed.Add(name);
        }
        catch (LibvirtException exception)
        {
            failures.Add(exception);
        }
    }

    // A volume libvirtd is still copying (a clone whose agent a test killed) cannot be deleted until
    // the copy ends: libvirtd answers "still being allocated" (VIR_ERR_OPERATION_INVALID) meanwhile.
    // One already gone is what was wanted.
    private static void DeleteOnceAllocated(LibvirtStorageVolume volume)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (true)
        {
            try
            {
                volume.Delete();
                return;
            }
            catch (LibvirtException ex) when (ex.Code == LibvirtErrorCodes.OperationInvalid && DateTime.UtcNow < deadline)
            {
                Thread.Sleep(500);
            }
            catch (LibvirtException ex) when (ex.Code == LibvirtErrorCodes.NoStorageVolume)
            {
                // Removed since the pool was listed: the agent deletes a cloud guest's seed ISO when
                // its first run ends, which the guest clean-up just before sets off (seen in CI).
                return;
            }
        }
    }

    // Volumes first, so the pool's directory is empty when the pool deletes it.
    private static void RemovePool(LibvirtStoragePool pool)
    {
        if (!pool.IsActive())
        {
            try
            {
                pool.Create();
            }
            catch (LibvirtException)
            {
                // Its directory is gone (the run directory was removed first): only the definition is left.
                if (pool.IsPersistent())
                {
                    pool.Undefine();
                }

                return;
            }
        }

        foreach (LibvirtStorageVolume volume in pool.ListAllVolumes())
        {
            using (volume)
            {
                DeleteOnceAllocated(volume);
            }
        }

        bool persistent = pool.IsPersistent();
        pool.Destroy();
        if (persistent)
        {
            pool.Delete();
            pool.Undefine();
        }
    }

    private static void RemoveNetwork(LibvirtNetwork network)
    {
        bool persistent = network.IsPersistent();
        if (network.IsActive())
        {
            network.Destroy();
        }

        if (persistent)
        {
            network.Undefine();
        }
    }
}
