namespace WebVirt.Web.Resources;

/// <summary>Marker type for the guest page's texts (GuestResource.resx and its translations).</summary>
public sealed class GuestResource;
