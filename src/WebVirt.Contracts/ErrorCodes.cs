namespace WebVirt.Contracts;

/// <summary>
/// The one catalogue of codes the agent and the console put into a <see cref="Failure"/> or an
/// <see cref="AgentText"/>, each with its arguments in order. Arguments are names, numbers, paths
/// and libvirt's own messages, never words of ours: the console's AgentTextResource catalogue
/// words every code in English and Chinese, and a test keeps the two in step.
/// Besides these, two families travel as codes: libvirt's own error names (<see cref="LibvirtPrefix"/>)
/// and the Domain's validation keys, as <see cref="ProblemDto"/>s under <see cref="InputInvalid"/> or <see cref="InUse"/>.
/// </summary>
public static class ErrorCodes
{
    /// <summary>
    /// libvirt's error names (VIR_ERR_NO_DOMAIN, VIR_ERR_OPERATION_INVALID...) are codes themselves.
    /// {0}: libvirt's message, as libvirt wrote it.
    /// </summary>
    public const string LibvirtPrefix = "VIR_ERR_";

    /// <summary>No argument: the agent is not connected to libvirtd right now.</summary>
    public const string LibvirtUnavailable = "Libvirt.Unavailable";

    /// <summary>No argument: the input was refused; the result's problems say why, one each (Domain validation keys and arguments).</summary>
    public const string InputInvalid = "Input.Invalid";

    /// <summary>No argument: refused because guests use what was to be changed; the result's problem names them.</summary>
    public const string InUse = "Input.InUse";

    /// <summary>{0}: the command. The agent failed in a way it did not expect; its log has the details.</summary>
    public const string Internal = "Agent.Internal";

    /// <summary>{0}: the command. The agent stopped it because the caller went away or it ran out of time.</summary>
    public const string Cancelled = "Agent.Cancelled";

    /// <summary>{0}: the host's id. The console has no connection to that host's agent.</summary>
    public const string AgentUnavailable = "Agent.Unavailable";

    /// <summary>{0}: the host's id, which no configured agent has.</summary>
    public const string UnknownHost = "Agent.UnknownHost";

    /// <summary>{0}: the host's id, whose agent did not answer in time.</summary>
    public const string Timeout = "Agent.Timeout";

    /// <summary>{0}: the user, {1}: what was asked (an audit action name). The user's role does not allow it.</summary>
    public const string Forbidden = "Agent.Forbidden";

    /// <summary>{0}: the host's id. The agent's answer could not be read (a different version, or a broken connection).</summary>
    public const string BadAnswer = "Agent.BadAnswer";

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

    /// <summary>{0}: the guest's name. Cloning needs the source shut off.</summary>
    public const string GuestRunning = "Guest.Running";

    /// <summary>{0}: the guest's name, which the user must type to confirm the delete.</summary>
    public const string GuestConfirmMismatch = "Guest.ConfirmMismatch";

    /// <summary>{0}: the template's name; a template cannot be started.</summary>
    public const string GuestIsTemplate = "Guest.IsTemplate";

    /// <summary>{0}: the task id, which this host does not know.</summary>
    public const string TaskMissing = "Task.Missing";

    /// <summary>{0}: the task id. Some of what the task left could not be removed; the task's log says what.</summary>
    public const string TaskCleanupIncomplete = "Task.CleanupIncomplete";

    /// <summary>{0}: the network, {1}: the running guests on it, comma-separated.</summary>
    public const string NetworkHasRunningGuests = "Network.HasRunningGuests";

    /// <summary>{0}: the network, {1}: the MAC address it has no static DHCP host for.</summary>
    public const string DhcpHostMissing = "Network.DhcpHostMissing";

    /// <summary>{0}: the pool, {1}: the running guests with disks in it, comma-separated.</summary>
    public const string PoolHasRunningGuests = "Pool.HasRunningGuests";

    /// <summary>{0}: the volume, {1}: the running guests writing it, comma-separated. A copy would be torn.</summary>
    public const string VolumeWrittenByRunningGuests = "Volume.WrittenByRunningGuests";

    /// <summary>{0}: the volume, {1}: the running guests it is a disk of, comma-separated.</summary>
    public const string VolumeDiskOfRunningGuests = "Volume.DiskOfRunningGuests";

    /// <summary>{0}: the schema checker's path (virt-xml-validate), which is not installed; the check was skipped.</summary>
    public const string SchemaToolMissing = "Schema.ToolMissing";

    /// <summary>{0}: the schema checker's path, {1}: its output; it cannot run here (xmllint missing), so the check was skipped.</summary>
    public const string SchemaToolBroken = "Schema.ToolBroken";

    /// <summary>{0}: the seconds the schema check was given.</summary>
    public const string SchemaTimeout = "Schema.Timeout";

    /// <summary>{0}: the schema checker's output (or its exit code when it said nothing).</summary>
    public const string SchemaRefused = "Schema.Refused";

    /// <summary>{0}: the range's number.</summary>
    public const string UsageRangeUnknown = "Usage.RangeUnknown";

    /// <summary>{0}: the URL, {1}: the HTTP status code, {2}: the server's reason phrase.</summary>
    public const string DownloadRefused = "Download.Refused";

    /// <summary>{0}: the URL, whose server does not say how big the file is.</summary>
    public const string DownloadSizeUnknown = "Download.SizeUnknown";

    /// <summary>{0}: the URL, {1}: why it could not be read (the HTTP stack's message).</summary>
    public const string DownloadUnreadable = "Download.Unreadable";

    /// <summary>{0}: the URL, {1}: the seconds waited for an answer.</summary>
    public const string DownloadTimeout = "Download.Timeout";

    /// <summary>{0}: the volume. The upload ended before the whole file arrived; no volume is left.</summary>
    public const string UploadAborted = "Upload.Aborted";

    /// <summary>No argument: the browser sent no Content-Length, so no volume can be sized.</summary>
    public const string UploadNoLength = "Upload.NoLength";

    /// <summary>No argument: the upload's ticket is missing, used or expired.</summary>
    public const string UploadNoTicket = "Upload.NoTicket";
}
