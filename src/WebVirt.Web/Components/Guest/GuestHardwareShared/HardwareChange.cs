namespace WebVirt.Web.Components.Guest;

/// <summary>
/// One hardware edit a card asks the panel to send: <see cref="Action"/> is the audit slug,
/// <see cref="Detail"/> what the audit entry records, <see cref="What"/> how the outcome names it to
/// the user, <see cref="Method"/> the hub method and <see cref="Args"/> its arguments after the guest's UUID.
/// </summary>
public sealed record HardwareChange(string Action, string Detail, string What, string Method, params object?[] Args);
