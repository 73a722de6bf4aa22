namespace WebVirt.Web.Resources;

/// <summary>Marker type for the texts of logins, sessions and the own account (SessionResource.resx and its translations).</summary>
public sealed class SessionResource;
