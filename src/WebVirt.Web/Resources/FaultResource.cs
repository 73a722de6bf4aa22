namespace WebVirt.Web.Resources;

/// <summary>Marker type for what pages say while a part is away (FaultResource.resx and its translations).</summary>
public sealed class FaultResource;
