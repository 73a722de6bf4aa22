namespace WebVirt.Web.Resources;

/// <summary>Marker type for the creation wizard's and the tasks panel's texts (ProvisioningResource.resx and its translations).</summary>
public sealed class ProvisioningResource;
