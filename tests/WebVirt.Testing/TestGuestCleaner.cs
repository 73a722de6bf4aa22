using WebVirt.Libvirt;

namespace WebVirt.Testing;

// Removes what a run created, also after failures: every domain whose name starts with the run
// prefix (destroyed if running, then undefined), and the run directory.
public static class TestGuestCleaner
{
    private const string QemuLogDirectory = "/var/log/libvirt/qemu";

    public static IReadOnlyList<string> RemoveRunGuests(string uri, string? runDirectory = null, string? prefix = null)
    {
        prefix ??= TestRun.Prefix;
        if (!prefix.StartsWith(TestRun.CommonPrefix, StringComparison.Ordinal))
        {
            throw new ArgumentException($"refusing to clean guests outside the '{TestRun.CommonPrefix}' namespace", nameof(prefix));
        }

        var removed = new List<string>();
        var failures = new List<Exception>();
        using (LibvirtConnection connection = LibvirtConnection.Open(uri))
        {
            foreach (LibvirtDomain domain in connection.ListAllDomains())
            {
                using (domain)
                {
                    if (!domain.Name.StartsWith(prefix, StringComparison.Ordinal))
                    {
                        continue;
                    }

                    try
                    {
                        Remove(domain);
                        removed.Add(domain.Name);
                    }
                    catch (LibvirtException exception) when (exception.Code == LibvirtErrorCodes.NoDomain)
                    {
                        // Gone between listing and removal (a transient guest stopping).
                        removed.Add(domain.Name);
                    }
                    catch (LibvirtException exception)
                    {
                        failures.Add(exception);
                    }
                }
            }
        }

        RemoveQemuLogs(prefix);
        if (runDirectory is not null && Directory.Exists(runDirectory))
        {
            Directory.Delete(runDirectory, recursive: true);
        }

        if (failures.Count > 0)
        {
            throw new AggregateException("some test guests could not be removed", failures);
        }

        return removed;
    }

    private static void Remove(LibvirtDomain domain)
    {
        if (domain.IsActive())
        {
            domain.Destroy();
        }

        if (domain.IsPersistent())
        {
            domain.Undefine();
        }
    }

    // libvirt keeps each guest's QEMU log after the guest is gone, also for guests a test
    // undefined itself.
    private static void RemoveQemuLogs(string prefix)
    {
        if (!Directory.Exists(QemuLogDirectory))
        {
            return;
        }

        foreach (string log in Directory.EnumerateFiles(QemuLogDirectory, prefix + "*.log"))
        {
            File.Delete(log);
        }
    }
}
