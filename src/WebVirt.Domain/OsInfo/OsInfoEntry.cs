namespace WebVirt.Domain.OsInfo;

/// <summary>One operating system from osinfo-db, with its x86_64 resources after inheritance.</summary>
public sealed record OsInfoEntry(
    string Id,
    IReadOnlyList<string> ShortIds,
    string Name,
    string? Vendor,
    string? Family,
    string? Distro,
    string? Version,
    DateOnly? ReleaseDate,
    DateOnly? EolDate,
    OsResources Minimum,
    OsResources Recommended)
{
    /// <summary>The id virt-install and the wizard use (the first short-id).</summary>
    public string ShortId => ShortIds.Count > 0 ? ShortIds[0] : Id;

    public bool IsEndOfLife(DateOnly today) => EolDate is DateOnly eol && eol <= today;
}
