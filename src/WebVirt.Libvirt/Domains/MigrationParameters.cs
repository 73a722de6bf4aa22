namespace WebVirt.Libvirt.Domains;

/// <summary>
/// The typed parameters of a migration (VIR_MIGRATE_PARAM_*); what is null or empty is left out and
/// libvirt's default applies.
/// </summary>
public sealed class MigrationParameters
{
    /// <summary>Where QEMU sends the stream, e.g. tcp://127.0.0.1 (default: the destination's hostname).</summary>
    public string? MigrateUri { get; init; }

    /// <summary>The address the destination's QEMU listens on for the stream (and the disks' NBD server).</summary>
    public string? ListenAddress { get; init; }

    /// <summary>Another name for the guest on the destination.</summary>
    public string? DestinationName { get; init; }

    /// <summary>The guest's live XML as the destination should run it (same ABI; e.g. other disk paths).</summary>
    public string? DestinationXml { get; init; }

    /// <summary>The definition the destination stores with MigrationFlags.PersistDestination.</summary>
    public string? PersistentXml { get; init; }

    /// <summary>Bandwidth limit in MiB/s from the start of the migration.</summary>
    public ulong? BandwidthMiBps { get; init; }

    /// <summary>The disks (targets such as vda) copied with MigrationFlags.NonSharedDisk.</summary>
    public IReadOnlyList<string> MigrateDisks { get; init; } = [];

    /// <summary>Port of the destination's NBD server for copied disks (default: one of its migration ports).</summary>
    public int? DisksPort { get; init; }

    internal TypedParameterList ToTypedParameters()
    {
        var list = new TypedParameterList();
        try
        {
            AddString(list, Interop.Libvirt.VIR_MIGRATE_PARAM_URI, MigrateUri);
            AddString(list, Interop.Libvirt.VIR_MIGRATE_PARAM_LISTEN_ADDRESS, ListenAddress);
            AddString(list, Interop.Libvirt.VIR_MIGRATE_PARAM_DEST_NAME, DestinationName);
            AddString(list, Interop.Libvirt.VIR_MIGRATE_PARAM_DEST_XML, DestinationXml);
            AddString(list, Interop.Libvirt.VIR_MIGRATE_PARAM_PERSIST_XML, PersistentXml);
            if (BandwidthMiBps is { } bandwidth)
            {
                list.AddULong(Interop.Libvirt.VIR_MIGRATE_PARAM_BANDWIDTH, bandwidth);
            }

            // One entry per disk, all with the same name: that is how libvirt takes a list.
            foreach (string disk in MigrateDisks)
            {
                list.AddString(Interop.Libvirt.VIR_MIGRATE_PARAM_MIGRATE_DISKS, disk);
            }

            if (DisksPort is { } port)
            {
                list.AddInt(Interop.Libvirt.VIR_MIGRATE_PARAM_DISKS_PORT, port);
            }

            return list;
        }
        catch
        {
            list.Dispose();
            throw;
        }
    }

    private static void AddString(TypedParameterList list, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            list.AddString(name, value);
        }
    }
}
