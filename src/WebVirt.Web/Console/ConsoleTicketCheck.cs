namespace WebVirt.Web.Console;

/// <summary>Why a console ticket was accepted or refused; the refusal names go to the log and audit.</summary>
public enum ConsoleTicketCheck
{
    Accepted,
    Missing,
    UnknownOrUsed,
    Expired,
    OtherGuest,
    OtherUser,

    /// <summary>Issued for the other console of the guest (serial for VNC or the reverse).</summary>
    OtherKind,
    Forbidden,
}
