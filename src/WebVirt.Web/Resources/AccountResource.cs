namespace WebVirt.Web.Resources;

/// <summary>Marker type for the texts of host account login and two-factor login (AccountResource.resx and its translations).</summary>
public sealed class AccountResource;
