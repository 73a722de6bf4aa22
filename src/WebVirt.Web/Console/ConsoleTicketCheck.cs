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
    Forbidden,
}
