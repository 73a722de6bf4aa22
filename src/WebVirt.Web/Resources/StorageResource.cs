namespace WebVirt.Web.Resources;

/// <summary>Marker type for the storage page's texts (StorageResource.resx and its translations).</summary>
public sealed class StorageResource;
