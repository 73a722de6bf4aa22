using WebVirt.Contracts;
using WebVirt.Web.Agents.Gateway;

namespace WebVirt.Web.Components.Guest;

/// <summary>
/// One hardware edit a card asks the panel to send: <see cref="What"/> is how the outcome names it to
/// the user, <see cref="Send"/> the gateway call for the guest (which checks and audits it).
/// </summary>
public sealed record HardwareChange(string What, Func<IGuestHardwareGateway, GuestInfo, Task<ActionResult>> Send);
