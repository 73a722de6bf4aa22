using Microsoft.AspNetCore.SignalR;
using WebVirt.Contracts;
using WebVirt.Web.Formatting;

namespace WebVirt.Web.Agents;

/// <summary>
/// A read the agent failed (its failure filter sent a code and arguments in the hub error): the
/// failure as <see cref="Result"/>, and as <see cref="Exception.Message"/> its text in the user's
/// language, so a page that shows a failed read's message shows words, not the wire format.
/// </summary>
public sealed class AgentQueryException(ActionResult result) : HubException(AgentTexts.Describe(result))
{
    public ActionResult Result { get; } = result;
}
