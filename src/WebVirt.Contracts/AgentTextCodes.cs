namespace WebVirt.Contracts;

/// <summary>
/// Every code an <see cref="AgentText"/> may carry, with its arguments in order. The web's
/// AgentTextResource catalogue has a text for each, in every language; a test keeps them in step.
/// </summary>
public static class AgentTextCodes
{
    /// <summary>{0}: the device path.</summary>
    public const string DevKvmMissing = "DevKvm.Missing";

    /// <summary>{0}: the mode (rw-rw----), {1}: owner:group, {2}: the user QEMU runs as.</summary>
    public const string DevKvmAccess = "DevKvm.Access";

    /// <summary>{0}: the text that is not a guest UUID.</summary>
    public const string GuestUuidInvalid = "Guest.UuidInvalid";

    /// <summary>{0}: the action's number.</summary>
    public const string GuestActionUnknown = "Guest.ActionUnknown";

    /// <summary>No argument: a screenshot of a guest that is not running.</summary>
    public const string GuestHasNoScreen = "Guest.HasNoScreen";

    /// <summary>{0}: the guest's UUID, which this host does not know.</summary>
    public const string GuestMissing = "Guest.Missing";

    /// <summary>{0}: the guest's UUID, not yet in the agent's database.</summary>
    public const string GuestNotRecorded = "Guest.NotRecorded";
}
