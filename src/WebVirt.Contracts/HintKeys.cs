namespace WebVirt.Contracts;

/// <summary>
/// Names of the advice a console shows with a failed command. The agent picks one for libvirt's
/// errors (only it sees libvirt's code and message); the console picks one for its own failures
/// (agent unreachable, timeout, role). The console owns the words, in every language.
/// </summary>
public static class HintKeys
{
    public const string KvmPermission = "Hint.KvmPermission";
    public const string KvmMissing = "Hint.KvmMissing";
    public const string NoDomain = "Hint.NoDomain";
    public const string OperationInvalid = "Hint.OperationInvalid";
    public const string NoAcpi = "Hint.NoAcpi";
    public const string LibvirtDown = "Hint.LibvirtDown";
    public const string SystemError = "Hint.SystemError";
    public const string AgentUnavailable = "Hint.AgentUnavailable";
    public const string Timeout = "Hint.Timeout";
    public const string Forbidden = "Hint.Forbidden";
    public const string TemplateNotStartable = "Hint.TemplateNotStartable";
}
