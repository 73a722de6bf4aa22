namespace WebVirt.Web.Resources;

/// <summary>Marker type for the guest page's hardware and snapshot texts (HardwareResource.resx and its translations).</summary>
public sealed class HardwareResource;
