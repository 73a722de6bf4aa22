namespace WebVirt.Web.Resources;

/// <summary>Marker type for the texts of the REST API and of API tokens (ApiResource.resx and its translations).</summary>
public sealed class ApiResource;
