namespace WebVirt.Web.Resources;

/// <summary>Marker type for the console's user-facing texts (SharedResource.resx and its translations).</summary>
public sealed class SharedResource;
