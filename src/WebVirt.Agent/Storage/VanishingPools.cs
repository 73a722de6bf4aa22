using WebVirt.Libvirt;

namespace WebVirt.Agent.Storage;

/// <summary>
/// Reading every pool of a list libvirt gave: a pool undefined (or a transient one stopped) between
/// the list and its read answers VIR_ERR_NO_STORAGE_POOL. That pool is no longer there, so it is
/// left out and the others are still read; any other error still fails the whole read.
/// </summary>
internal static class VanishingPools
{
    /// <summary>Reads each pool with <paramref name="read"/> and disposes it; <paramref name="vanished"/> hears the name of each one left out.</summary>
    public static List<T> ReadEach<T>(IEnumerable<LibvirtStoragePool> pools, Func<LibvirtStoragePool, T> read, Action<string> vanished)
    {
        ArgumentNullException.ThrowIfNull(pools);
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(vanished);
        var results = new List<T>();
        foreach (var pool in pools)
        {
            using (pool)
            {
                try
                {
                    results.Add(read(pool));
                }
                catch (LibvirtException ex) when (ex.Code == LibvirtErrorCodes.NoStoragePool)
                {
                    // The name was read when the list was made, so it is still at hand.
                    vanished(pool.Name);
                }
            }
        }

        return results;
    }
}
