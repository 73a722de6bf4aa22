namespace WebVirt.Web.Resources;

/// <summary>Marker type for the networks page's texts (NetworkResource.resx and its translations).</summary>
public sealed class NetworkResource;
