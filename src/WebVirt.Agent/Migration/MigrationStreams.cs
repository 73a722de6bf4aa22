namespace WebVirt.Agent.Migration;

/// <summary>
/// How a source agent reaches a destination agent for one migration: a WebSocket per stream over the
/// destination's https port (its pinned certificate), the grant's token in a header.
/// </summary>
internal static class MigrationStreams
{
    public const string TokenHeader = "X-WebVirt-Migration-Token";

    /// <summary>The source's libvirt connection to the destination's libvirtd.</summary>
    public const string Control = "control";

    /// <summary>QEMU's memory stream, to the port of migrate_uri.</summary>
    public const string Memory = "memory";

    /// <summary>The disks' NBD stream of a storage copy, to disks_port.</summary>
    public const string Disks = "disks";

    /// <summary>
    /// Bytes per read of a stream's relay. Each relay holds two pooled buffers per direction
    /// (MigrationStreamRelay), so a stream never holds more than 4 of these, however slow either side is.
    /// </summary>
    public const int BufferSize = 128 * 1024;

    /// <summary>Connections a migration may open per data stream (QEMU opens one per stream; NBD may open a few).</summary>
    public const int MaxConnectionsPerStream = 8;

    public static string GrantPath(string grantId) => $"/migration/{grantId}";

    public static string StreamPath(string grantId, string channel) => $"/migration/{grantId}/{channel}";
}
