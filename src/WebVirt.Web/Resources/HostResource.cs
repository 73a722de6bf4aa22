namespace WebVirt.Web.Resources;

/// <summary>Marker type for the host page's texts (HostResource.resx and its translations).</summary>
public sealed class HostResource;
