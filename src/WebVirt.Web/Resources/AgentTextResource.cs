namespace WebVirt.Web.Resources;

/// <summary>Marker type for the texts of every <see cref="WebVirt.Contracts.ErrorCodes"/> code (AgentTextResource.resx and its translations), worded by Formatting/AgentTexts.</summary>
public sealed class AgentTextResource;
