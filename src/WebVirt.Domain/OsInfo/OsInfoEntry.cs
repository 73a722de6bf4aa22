namespace WebVirt.Domain.OsInfo;

/// <summary>One operating system from osinfo-db, with its x86_64 resources after inheritance.</summary>
/// <param name="RequiresUefi">osinfo-db says the OS does not boot with BIOS on x86_64 (Windows 11).</param>
/// <param name="InstallTreeUrl">osinfo-db's x86_64 network install tree (as virt-install --location takes it), if it names one.</param>
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
    OsResources Recommended,
    string? InstallTreeUrl = null,
    bool RequiresUefi = false)
{
    /// <summary>The id virt-install and the wizard use (the first short-id).</summary>
    public string ShortId => ShortIds.Count > 0 ? ShortIds[0] : Id;

    public bool IsEndOfLife(DateOnly today) => EolDate is DateOnly eol && eol <= today;
}
