namespace WebVirt.Contracts;

/// <summary>The outcome of a command sent to an agent.</summary>
/// <param name="Ok">Whether the command succeeded.</param>
/// <param name="ErrorCode">libvirt's error code name (for example "VIR_ERR_NO_DOMAIN") or a WebVirt code.</param>
/// <param name="Message">The error as libvirt or the agent said it.</param>
/// <param name="HintKey">A resource key for what the user can do about it, resolved in the user's language by the console.</param>
public sealed record ActionResult(bool Ok, string? ErrorCode = null, string? Message = null, string? HintKey = null)
{
    public static ActionResult Success { get; } = new(true);

    public static ActionResult Fail(string code, string message, string? hintKey = null) => new(false, code, message, hintKey);
}
