namespace WebVirt.Web.Resources;

/// <summary>Marker type for the texts of the Rights page and of refused changes of rights (RightsResource.resx and its translations).</summary>
public sealed class RightsResource;
