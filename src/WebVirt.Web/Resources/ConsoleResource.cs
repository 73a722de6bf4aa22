namespace WebVirt.Web.Resources;

/// <summary>Marker type for the console page's texts (ConsoleResource.resx and its translations).</summary>
public sealed class ConsoleResource;
