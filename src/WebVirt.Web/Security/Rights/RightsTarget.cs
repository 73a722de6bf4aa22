namespace WebVirt.Web.Security.Rights;

/// <summary>
/// The object a right is asked for. Its <see cref="Paths"/> are every path whose grants reach it:
/// the root, its host, itself, and for a guest each of its tags.
/// </summary>
public sealed record RightsTarget(RightsPath Path, IReadOnlyList<string> Tags)
{
    public static RightsTarget Everything { get; } = new(RightsPath.Root, []);

    public static RightsTarget Host(string hostId) => new(RightsPath.Host(hostId), []);

    public static RightsTarget Pool(string hostId, string pool) => new(RightsPath.Pool(hostId, pool), []);

    public static RightsTarget Network(string hostId, string network) => new(RightsPath.Network(hostId, network), []);

    public static RightsTarget Guest(string hostId, string uuid, IReadOnlyList<string>? tags = null) => new(RightsPath.Guest(hostId, uuid), tags ?? []);

    /// <summary>The grant paths that reach this object, widest first, as strings (the form grants are kept in).</summary>
    public IEnumerable<string> Paths()
    {
        yield return "/";
        if (Path.HostId is { } hostId)
        {
            yield return $"/hosts/{hostId}";
        }

        if (Path.Kind is RightsPathKind.Pool or RightsPathKind.Network or RightsPathKind.Guest or RightsPathKind.Tag)
        {
            yield return Path.ToString();
        }

        if (Path.Kind == RightsPathKind.Guest)
        {
            foreach (var tag in Tags)
            {
                yield return RightsPath.Tag(tag).ToString();
            }
        }
    }

    public override string ToString() => Path.ToString();
}
