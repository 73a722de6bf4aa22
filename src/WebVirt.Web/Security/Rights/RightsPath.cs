using System.Diagnostics.CodeAnalysis;

namespace WebVirt.Web.Security.Rights;

/// <summary>What a grant is on: everything, a host, one of its pools, networks or guests, or every guest with a tag.</summary>
public enum RightsPathKind
{
    Root,
    Host,
    Pool,
    Network,
    Guest,
    Tag,
}

/// <summary>
/// A grant's path, as Proxmox writes them: <c>/</c>, <c>/hosts/{host}</c>, <c>/hosts/{host}/pools/{pool}</c>,
/// <c>/hosts/{host}/networks/{network}</c>, <c>/hosts/{host}/guests/{uuid}</c> or <c>/tags/{tag}</c>.
/// A grant on a path applies below it. Always kept in its <see cref="ToString"/> form (guest UUIDs lower case).
/// </summary>
public sealed record RightsPath(RightsPathKind Kind, string? HostId = null, string? Name = null)
{
    public const int MaxLength = Data.RightsGrant.PathMaxLength;
    private const int SegmentMaxLength = 128;

    public static RightsPath Root { get; } = new(RightsPathKind.Root);

    public static RightsPath Host(string hostId) => new(RightsPathKind.Host, hostId);

    public static RightsPath Pool(string hostId, string pool) => new(RightsPathKind.Pool, hostId, pool);

    public static RightsPath Network(string hostId, string network) => new(RightsPathKind.Network, hostId, network);

    public static RightsPath Guest(string hostId, string uuid) => new(RightsPathKind.Guest, hostId, uuid.ToLowerInvariant());

    public static RightsPath Tag(string tag) => new(RightsPathKind.Tag, null, tag.ToLowerInvariant());

    public override string ToString() => Kind switch
    {
        RightsPathKind.Root => "/",
        RightsPathKind.Host => $"/hosts/{HostId}",
        RightsPathKind.Pool => $"/hosts/{HostId}/pools/{Name}",
        RightsPathKind.Network => $"/hosts/{HostId}/networks/{Name}",
        RightsPathKind.Guest => $"/hosts/{HostId}/guests/{Name}",
        _ => $"/tags/{Name}",
    };

    /// <summary>Reads a path in one of the six forms; anything else (empty segments, extra parts, spaces) is refused.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out RightsPath? path)
    {
        path = null;
        if (string.IsNullOrEmpty(text) || text.Length > MaxLength || text[0] != '/')
        {
            return false;
        }

        if (text == "/")
        {
            path = Root;
            return true;
        }

        var parts = text[1..].Split('/');
        if (parts.Any(part => !IsSegment(part)))
        {
            return false;
        }

        path = parts switch
        {
            ["tags", var tag] => Tag(tag),
            ["hosts", var host] => Host(host),
            ["hosts", var host, "pools", var pool] => Pool(host, pool),
            ["hosts", var host, "networks", var network] => Network(host, network),
            ["hosts", var host, "guests", var uuid] when Guid.TryParse(uuid, out _) => Guest(host, uuid),
            _ => null,
        };
        return path is not null;
    }

    private static bool IsSegment(string part) =>
        part.Length is > 0 and <= SegmentMaxLength && part.All(c => !char.IsWhiteSpace(c) && !char.IsControl(c) && c != '/');
}
