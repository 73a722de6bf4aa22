namespace WebVirt.Web.Security.Rights;

/// <summary>The tags of a guest, for grants on /tags/{tag}.</summary>
public interface IGuestTags
{
    IReadOnlyList<string> TagsOf(string hostId, string uuid);
}
