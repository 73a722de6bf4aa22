using WebVirt.Contracts;

namespace WebVirt.Web.Components.Dashboard;

/// <summary>A user's click on an action button, before confirmation and permission checks.</summary>
public sealed record GuestActionRequest(GuestInfo Guest, GuestAction Action);
