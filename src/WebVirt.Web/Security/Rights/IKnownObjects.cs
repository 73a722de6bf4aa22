namespace WebVirt.Web.Security.Rights;

/// <summary>What exists on the hosts now, so a grant cannot name a guest, pool or network that is not there.</summary>
public interface IKnownObjects
{
    /// <summary>
    /// Whether the guest, pool or network <paramref name="path"/> names exists on its host (true for other paths);
    /// null when that cannot be said now: the host's agent is not connected or did not answer.
    /// </summary>
    Task<bool?> ExistsAsync(RightsPath path, CancellationToken cancellationToken = default);
}
