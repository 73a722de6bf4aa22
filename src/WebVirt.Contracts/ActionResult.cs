namespace WebVirt.Contracts;

/// <summary>The outcome of a command sent to an agent.</summary>
/// <param name="Ok">Whether the command succeeded.</param>
/// <param name="ErrorCode">libvirt's error code name (for example "VIR_ERR_NO_DOMAIN") or a WebVirt code.</param>
/// <param name="Message">The error as libvirt or the agent said it.</param>
/// <param name="HintKey">A resource key for what the user can do about it, resolved in the user's language by the console.</param>
/// <param name="Text">The failure as a code and arguments the console words in the user's language; when set, shown instead of <paramref name="Message"/>.</param>
public sealed record ActionResult(bool Ok, string? ErrorCode = null, string? Message = null, string? HintKey = null, AgentText? Text = null)
{
    public static ActionResult Success { get; } = new(true);

    public static ActionResult Fail(string code, string message, string? hintKey = null) => new(false, code, message, hintKey);

    /// <summary>A failure the agent words for nobody: <see cref="Message"/> keeps the code and arguments for logs and audit.</summary>
    public static ActionResult Fail(string code, AgentText text, string? hintKey = null) => new(false, code, text?.ToString(), hintKey, text);
}
