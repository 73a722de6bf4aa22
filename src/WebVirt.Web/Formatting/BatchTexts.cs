using WebVirt.Web.Agents.Gateway;

namespace WebVirt.Web.Formatting;

/// <summary>Why a guest of a migration batch did not move, worded once for the batch dialog and the REST API.</summary>
public static class BatchTexts
{
    /// <summary>The code of why the guest did not move; null while it may still move or when it did.</summary>
    public static string? ReasonCode(BatchEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return entry switch
        {
            { Step: BatchStep.Refused, Refusal: { } refusal } => refusal.Error?.Code ?? refusal.Problems.FirstOrDefault()?.Key,
            { Step: BatchStep.Failed or BatchStep.Cancelled, Task.Error: { } error } => error.Code,
            _ => null,
        };
    }

    /// <summary>Why the guest did not move, in the user's words; null while it may still move or when it did.</summary>
    public static string? Reason(BatchEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return entry switch
        {
            { Step: BatchStep.Refused, Refusal: { } refusal } => AgentTexts.Describe(refusal),
            { Step: BatchStep.Failed, Task.Error: { Cause: { } cause } error } => AgentTexts.Format(error) + "\n" + AgentTexts.Format(cause),
            { Step: BatchStep.Failed, Task.Error: { } error } => AgentTexts.Format(error),
            { Step: BatchStep.Cancelled, Task.Error: { } outcome } => AgentTexts.Format(outcome),
            _ => null,
        };
    }
}
