namespace WebVirt.Domain.Definition;

/// <summary>What the XML needs besides the spec: who creates the guest and when, and an optional fixed UUID.</summary>
public sealed record GuestBuildContext(string CreatedBy, DateTimeOffset CreatedAt)
{
    /// <summary>Null lets libvirt generate one.</summary>
    public Guid? Uuid { get; init; }

    /// <summary>Marks the new guest as a template right away.</summary>
    public bool IsTemplate { get; init; }
}
