namespace WebVirt.Web.Resources;

/// <summary>Marker type for the texts of the agent's <see cref="WebVirt.Contracts.AgentText"/> codes (AgentTextResource.resx and its translations).</summary>
public sealed class AgentTextResource;
