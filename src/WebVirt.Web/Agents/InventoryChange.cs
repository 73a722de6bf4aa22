namespace WebVirt.Web.Agents;

/// <summary>What a push changed, so pages can show a new state at once and still coalesce the figures that move all the time.</summary>
public enum InventoryChange
{
    /// <summary>Something a user acts on: a guest's state or definition, a guest added or removed, a host, a link, a task.</summary>
    State,

    /// <summary>Only a guest's usage figures (CPU %) and the time they were read.</summary>
    Usage,
}
