namespace WebVirt.Contracts;

/// <summary>
/// What the console gives a destination agent before a migration: the grant's id and its one-time
/// token (the source agent presents both when it opens the migration's streams), valid until
/// <paramref name="ExpiresAt"/> for one migration only.
/// </summary>
public sealed record IncomingMigrationGrant(string GrantId, string Token, DateTimeOffset ExpiresAt);

/// <summary>The destination agent's answer to a grant: where its QEMU listens for the incoming streams (its own loopback).</summary>
public sealed record IncomingMigrationAnswer(bool Ok, string? ListenAddress, Failure? Error)
{
    public static IncomingMigrationAnswer Ready(string listenAddress) => new(true, listenAddress, null);

    public static IncomingMigrationAnswer Fail(string code, params string[] args) => new(false, null, Failure.Of(code, args));
}

/// <summary>
/// Where a migration goes, as the console gives it to the source agent: the destination agent's
/// https base address and its pinned certificate (SHA-256 of the DER, hex), the grant the console
/// gave the destination, and the address the destination's QEMU listens on.
/// </summary>
public sealed record MigrationDestination(
    string HostId,
    string AgentUrl,
    string CertificateSha256,
    string GrantId,
    string Token,
    string ListenAddress);

/// <summary>
/// Move guest <paramref name="Uuid"/> to <paramref name="Destination"/>: live (it keeps running) or
/// offline (shut off); <paramref name="BandwidthMiBps"/> 0 for no limit. A disk stays in place only
/// when it is in one of <paramref name="SharedPools"/> (the source's pools an administrator marked
/// shared between hosts) and the destination sees the same path; the others are copied into
/// <paramref name="DestinationPool"/>, which <paramref name="CopyStorage"/> must allow.
/// The guest is defined on the destination and undefined on the source.
/// </summary>
public sealed record MigrationRequest(
    string Uuid,
    MigrationDestination Destination,
    bool Live,
    bool CopyStorage,
    string? DestinationPool,
    int BandwidthMiBps,
    string RequestedBy,
    IReadOnlyList<string>? SharedPools = null);

/// <summary>A running migration's statistics (libvirt's job statistics), pushed with the task.</summary>
/// <param name="DataProcessed">Bytes sent so far (memory and disks).</param>
/// <param name="DataTotal">Bytes to send, as libvirt estimates them now.</param>
/// <param name="DataRemaining">Bytes still to send.</param>
/// <param name="BytesPerSecond">The transfer rate of memory and disks.</param>
/// <param name="ExpectedDowntimeMs">How long the guest is expected to pause when it switches over.</param>
/// <param name="ElapsedMs">Since the migration started.</param>
/// <param name="Arrived">
/// The destination resumed the guest: it runs there now, and the task goes on only to stop its old copy on the
/// source (libvirt's confirm step, which waits for the source's QEMU to exit) and to remove what it leaves.
/// </param>
public sealed record MigrationProgress(
    long DataProcessed,
    long DataTotal,
    long DataRemaining,
    long BytesPerSecond,
    long ExpectedDowntimeMs,
    long ElapsedMs,
    bool Arrived = false);
