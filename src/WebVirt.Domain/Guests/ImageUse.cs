namespace WebVirt.Domain.Guests;

/// <summary>How an imported disk image becomes the guest's disk.</summary>
public enum ImageUse
{
    /// <summary>The image itself is the guest's disk; no other guest may use it.</summary>
    AsIs,

    /// <summary>A full copy in the new disk's pool, grown to its size, in its format.</summary>
    Copy,

    /// <summary>A thin qcow2 overlay in the new disk's pool backed by the image, which then must stay as it is.</summary>
    Overlay,
}
