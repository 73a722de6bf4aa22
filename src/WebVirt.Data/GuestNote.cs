namespace WebVirt.Data;

/// <summary>A guest's description and tags, written from its page. Kept apart from <see cref="GuestRecord"/>, which inventory syncs rewrite.</summary>
public sealed class GuestNote
{
    public const int DescriptionMaxLength = 4000;
    public const int TagMaxLength = 64;
    public const int MaxTags = 32;
    public const int UserMaxLength = 256;

    public string HostId { get; set; } = "";

    public Guid Uuid { get; set; }

    public string Description { get; set; } = "";

    public List<string> Tags { get; set; } = [];

    public string UpdatedBy { get; set; } = "";

    public DateTimeOffset UpdatedAt { get; set; }
}
