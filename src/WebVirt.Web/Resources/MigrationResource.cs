namespace WebVirt.Web.Resources;

/// <summary>Marker type for the migrate dialog's texts (MigrationResource.resx and its translations).</summary>
public sealed class MigrationResource;
