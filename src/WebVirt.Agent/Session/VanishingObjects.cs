using WebVirt.Libvirt;

namespace WebVirt.Agent.Session;

/// <summary>
/// Reading every guest, pool, volume or network of a list libvirt gave: one removed (or a transient
/// one stopped) between the list and its read answers VIR_ERR_NO_DOMAIN, VIR_ERR_NO_STORAGE_POOL,
/// VIR_ERR_NO_STORAGE_VOL or VIR_ERR_NO_NETWORK. It is no longer there, so it is left out and the
/// others are still read; any other error still fails the whole read. Another console, virsh or a
/// finishing task can remove one at any moment.
/// </summary>
internal static class VanishingObjects
{
    /// <summary>Reads each pool with <paramref name="read"/> and disposes it; <paramref name="vanished"/> hears the name of each one left out.</summary>
    public static List<T> ReadEach<T>(IEnumerable<LibvirtStoragePool> pools, Func<LibvirtStoragePool, T> read, Action<string> vanished) =>
        ReadEach(pools, read, pool => pool.Name, LibvirtErrorCodes.NoStoragePool, vanished);

    /// <summary>Reads each guest with <paramref name="read"/> and disposes it; <paramref name="vanished"/> hears the name of each one left out.</summary>
    public static List<T> ReadEach<T>(IEnumerable<LibvirtDomain> guests, Func<LibvirtDomain, T> read, Action<string> vanished) =>
        ReadEach(guests, read, guest => guest.Name, LibvirtErrorCodes.NoDomain, vanished);

    /// <summary>Reads each volume with <paramref name="read"/> and disposes it; <paramref name="vanished"/> hears the name of each one left out.</summary>
    public static List<T> ReadEach<T>(IEnumerable<LibvirtStorageVolume> volumes, Func<LibvirtStorageVolume, T> read, Action<string> vanished) =>
        ReadEach(volumes, read, volume => volume.Name, LibvirtErrorCodes.NoStorageVolume, vanished);

    /// <summary>Reads each network with <paramref name="read"/> and disposes it; <paramref name="vanished"/> hears the name of each one left out.</summary>
    public static List<T> ReadEach<T>(IEnumerable<LibvirtNetwork> networks, Func<LibvirtNetwork, T> read, Action<string> vanished) =>
        ReadEach(networks, read, network => network.Name, LibvirtErrorCodes.NoNetwork, vanished);

    private static List<T> ReadEach<THandle, T>(IEnumerable<THandle> handles, Func<THandle, T> read, Func<THandle, string> name, int goneCode, Action<string> vanished)
        where THandle : IDisposable
    {
        ArgumentNullException.ThrowIfNull(handles);
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(vanished);
        var results = new List<T>();
        foreach (var handle in handles)
        {
            using (handle)
            {
                try
                {
                    results.Add(read(handle));
                }
                catch (LibvirtException ex) when (ex.Code == goneCode)
                {
                    // The name was read when the list was made, so it is still at hand.
                    vanished(name(handle));
                }
            }
        }

        return results;
    }
}
