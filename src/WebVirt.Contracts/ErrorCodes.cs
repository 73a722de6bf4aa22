namespace WebVirt.Contracts;

/// <summary>
/// The one catalogue of codes the agent and the console put into a <see cref="Failure"/> or an
/// <see cref="AgentText"/>, each with its arguments in order. Arguments are names, numbers, paths
/// and libvirt's own messages, never words of ours: the console's AgentTextResource catalogue
/// words every code in English and Chinese, and a test keeps the two in step.
/// Besides these, two families travel as codes: libvirt's own error names (<see cref="LibvirtPrefix"/>)
/// and the Domain's validation keys, as <see cref="ProblemDto"/>s under <see cref="InputInvalid"/> or <see cref="InUse"/>.
/// </summary>
public static partial class ErrorCodes
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

    /// <summary>No argument: the agent has no enrolment code waiting; one is made on the host with `webvirt-agent enrol`.</summary>
    public const string EnrolmentNoCode = "Enrolment.NoCode";

    /// <summary>{0}: when the code expired (ISO 8601, UTC).</summary>
    public const string EnrolmentExpired = "Enrolment.Expired";

    /// <summary>{0}: tries left before the agent discards the code. The code or the certificate the console saw does not match.</summary>
    public const string EnrolmentRefused = "Enrolment.Refused";

    /// <summary>No argument: enrolment is only accepted over TLS, so that the console can pin the agent's certificate.</summary>
    public const string EnrolmentNeedsTls = "Enrolment.NeedsTls";

    /// <summary>{0}: what was typed. A host's address is a name or IP address with an optional port, or an https:// URL.</summary>
    public const string EnrolmentAddressInvalid = "Enrolment.AddressInvalid";

    /// <summary>No argument: an enrolment code has 12 characters of 0-9 and A-Z (without I, L, O and U), dashes aside.</summary>
    public const string EnrolmentCodeInvalid = "Enrolment.CodeInvalid";

    /// <summary>{0}: the agent's URL, {1}: why (the transport's message).</summary>
    public const string EnrolmentUnreachable = "Enrolment.Unreachable";

    /// <summary>{0}: the agent's URL. It accepted the enrolment but could not prove it knows the code: not the agent that made it.</summary>
    public const string EnrolmentAgentProof = "Enrolment.AgentProof";

    /// <summary>{0}: the host's id, which this console already has from its own configuration.</summary>
    public const string EnrolmentHostConfigured = "Enrolment.HostConfigured";

    /// <summary>{0}: the host's id, which is not an enrolled host (a host of the configuration is not removed here).</summary>
    public const string EnrolmentNotEnrolled = "Enrolment.NotEnrolled";

    /// <summary>{0}: the host's id. Its agent presented a certificate other than the one pinned at enrolment.</summary>
    public const string AgentCertificateChanged = "Agent.CertificateChanged";

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

    /// <summary>{0}: the network, which has no persistent definition to change.</summary>
    public const string NetworkTransient = "Network.Transient";

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

    // Task logs and outcomes (TaskText). Sizes are TaskArguments.Bytes, leftovers TaskArguments.Leftovers;
    // the last placeholder of a text with a cause is the cause's own text.

    /// <summary>No argument: the agent stopped while the task ran (it is closed when the agent starts again).</summary>
    public const string TaskInterrupted = "Task.Interrupted";

    /// <summary>{0}: what it made (a list of leftovers), which is being removed now.</summary>
    public const string TaskInterruptedRemoving = "Task.InterruptedRemoving";

    /// <summary>{0}: what was removed (a list of leftovers), {1}: what is left for the clean-up action (a list of leftovers).</summary>
    public const string TaskInterruptedCleaned = "Task.InterruptedCleaned";

    /// <summary>{0}: what was removed (a list of leftovers); nothing is left.</summary>
    public const string TaskInterruptedRemoved = "Task.InterruptedRemoved";

    /// <summary>No argument: the word for an empty list of leftovers.</summary>
    public const string TaskNothing = "Task.Nothing";

    /// <summary>{0}: the pool, {1}: the volume; one leftover of a list.</summary>
    public const string TaskLeftoverVolume = "Task.LeftoverVolume";

    /// <summary>{0}: the guest's UUID; one leftover of a list.</summary>
    public const string TaskLeftoverGuest = "Task.LeftoverGuest";

    /// <summary>{0}: the leftover (a list of one), undefined now.</summary>
    public const string TaskLeftoverUndefined = "Task.LeftoverUndefined";

    /// <summary>{0}: the leftover (a list of one), which was never defined.</summary>
    public const string TaskLeftoverNotDefined = "Task.LeftoverNotDefined";

    /// <summary>{0}: the leftover (a list of one), deleted now.</summary>
    public const string TaskLeftoverDeleted = "Task.LeftoverDeleted";

    /// <summary>{0}: the leftover (a list of one), which was never made.</summary>
    public const string TaskLeftoverNotMade = "Task.LeftoverNotMade";

    /// <summary>{0}: the leftover (a list of one), {1}: the guest's name; kept because the guest runs.</summary>
    public const string TaskLeftoverGuestRunning = "Task.LeftoverGuestRunning";

    /// <summary>{0}: the leftover (a list of one), {1}: the guests using the volume, comma-separated; kept.</summary>
    public const string TaskLeftoverInUse = "Task.LeftoverInUse";

    /// <summary>{0}: the leftover (a list of one), {1}: why libvirt refused to remove it (the cause); kept.</summary>
    public const string TaskLeftoverRefused = "Task.LeftoverRefused";

    /// <summary>{0}: the leftover (a list of one), which libvirtd is still copying into; removed when the copy ends.</summary>
    public const string TaskLeftoverBusy = "Task.LeftoverBusy";

    /// <summary>{0}: the installer tree's URL, {1}: its layout.</summary>
    public const string TaskInstallerDownloading = "Task.InstallerDownloading";

    /// <summary>{0}: the kernel's size (bytes).</summary>
    public const string TaskKernelDownloaded = "Task.KernelDownloaded";

    /// <summary>{0}: the initrd's size (bytes).</summary>
    public const string TaskInitrdDownloaded = "Task.InitrdDownloaded";

    /// <summary>{0}: the volume, {1}: its capacity (bytes), {2}: its format, {3}: the pool; allocated as it is written.</summary>
    public const string TaskVolumeCreatingThin = "Task.VolumeCreatingThin";

    /// <summary>{0}: the volume, {1}: its capacity (bytes), {2}: its format, {3}: the pool; fully allocated now.</summary>
    public const string TaskVolumeCreatingFull = "Task.VolumeCreatingFull";

    /// <summary>{0}: the volume's path.</summary>
    public const string TaskVolumeCreated = "Task.VolumeCreated";

    /// <summary>No argument: the guest's definition goes to libvirt now.</summary>
    public const string TaskDefining = "Task.Defining";

    /// <summary>{0}: the new guest's UUID.</summary>
    public const string TaskDefined = "Task.Defined";

    /// <summary>No argument: the guest starts with the host now.</summary>
    public const string TaskAutostartOn = "Task.AutostartOn";

    /// <summary>No argument: the guest is being started.</summary>
    public const string TaskStarting = "Task.Starting";

    /// <summary>No argument: the guest runs.</summary>
    public const string TaskStarted = "Task.Started";

    /// <summary>No argument: the network installer runs; the guest boots from its disk afterwards.</summary>
    public const string TaskInstallerRuns = "Task.InstallerRuns";

    /// <summary>{0}: the guest's name.</summary>
    public const string TaskCreated = "Task.Created";

    /// <summary>{0}: the new volume, {1}: its pool, {2}: the source disk's path it is an overlay of.</summary>
    public const string TaskCloneLinking = "Task.CloneLinking";

    /// <summary>{0}: the source disk's path, {1}: the new volume, {2}: its pool.</summary>
    public const string TaskCloneCopying = "Task.CloneCopying";

    /// <summary>{0}: the linked disk's path.</summary>
    public const string TaskCloneLinked = "Task.CloneLinked";

    /// <summary>{0}: the copy's path.</summary>
    public const string TaskCloneCopied = "Task.CloneCopied";

    /// <summary>{0}: the clone's UUID, {1}: the source guest's name.</summary>
    public const string TaskCloneDefined = "Task.CloneDefined";

    /// <summary>{0}: the clone's name, {1}: the source guest's name.</summary>
    public const string TaskCloned = "Task.Cloned";

    /// <summary>{0}: the guest's name.</summary>
    public const string TaskDeleting = "Task.Deleting";

    /// <summary>No argument: the guest was gone already (its cancelled task had removed it).</summary>
    public const string TaskAlreadyGone = "Task.AlreadyGone";

    /// <summary>No argument: the guest was running and was forced off.</summary>
    public const string TaskForcedOff = "Task.ForcedOff";

    /// <summary>No argument: the guest's definition is removed.</summary>
    public const string TaskUndefined = "Task.Undefined";

    /// <summary>{0}: the disk's path, kept because it is not a volume of a pool.</summary>
    public const string TaskDiskOutsidePools = "Task.DiskOutsidePools";

    /// <summary>{0}: the disk's path, {1}: the guests using it; kept.</summary>
    public const string TaskDiskInUse = "Task.DiskInUse";

    /// <summary>{0}: the disk's path, deleted.</summary>
    public const string TaskDiskDeleted = "Task.DiskDeleted";

    /// <summary>{0}: the disk's path, which was gone already.</summary>
    public const string TaskDiskGone = "Task.DiskGone";

    /// <summary>{0}: the guest's name.</summary>
    public const string TaskDeleted = "Task.Deleted";

    /// <summary>{0}: the guest's UUID, undefined by the rollback.</summary>
    public const string TaskRolledBackGuest = "Task.RolledBackGuest";

    /// <summary>{0}: the guest's UUID, {1}: why the rollback could not undefine it (the cause).</summary>
    public const string TaskRollbackGuestFailed = "Task.RollbackGuestFailed";

    /// <summary>{0}: the volume's path, deleted by the rollback.</summary>
    public const string TaskRolledBackVolume = "Task.RolledBackVolume";

    /// <summary>{0}: the volume's path, {1}: why the rollback could not delete it (the cause).</summary>
    public const string TaskRollbackVolumeFailed = "Task.RollbackVolumeFailed";

    /// <summary>{0}: why the creation record could not be stored (the cause); the guest's metadata has it.</summary>
    public const string TaskRecordNotStored = "Task.RecordNotStored";

    /// <summary>{0}: the cause.</summary>
    public const string TaskFailedDownloadInstaller = "Task.Failed.DownloadInstaller";

    /// <summary>{0}: the cause.</summary>
    public const string TaskFailedAllocateDisk = "Task.Failed.AllocateDisk";

    /// <summary>{0}: the cause.</summary>
    public const string TaskFailedDefine = "Task.Failed.Define";

    /// <summary>{0}: the cause.</summary>
    public const string TaskFailedAutostart = "Task.Failed.Autostart";

    /// <summary>{0}: the cause.</summary>
    public const string TaskFailedStart = "Task.Failed.Start";

    /// <summary>{0}: the cause.</summary>
    public const string TaskFailedSwitchToDiskBoot = "Task.Failed.SwitchToDiskBoot";

    /// <summary>{0}: the cause.</summary>
    public const string TaskFailedCopyDisks = "Task.Failed.CopyDisks";

    /// <summary>{0}: the cause.</summary>
    public const string TaskFailedCloudSeed = "Task.Failed.CloudSeed";

    /// <summary>{0}: the cloud-init seed volume's path.</summary>
    public const string TaskCloudSeedWritten = "Task.CloudSeedWritten";

    /// <summary>{0}: the clone's disk path; {1}: its new size in GiB.</summary>
    public const string TaskCloneGrown = "Task.CloneGrown";

    /// <summary>{0}: the guest's name.</summary>
    public const string CloudSeedNone = "CloudSeed.None";

    /// <summary>{0}: the cause.</summary>
    public const string TaskFailedStopTasks = "Task.Failed.StopTasks";

    /// <summary>{0}: the cause.</summary>
    public const string TaskFailedForceOff = "Task.Failed.ForceOff";

    /// <summary>{0}: the cause.</summary>
    public const string TaskFailedUndefine = "Task.Failed.Undefine";

    /// <summary>{0}: the cause.</summary>
    public const string TaskFailedDeleteDisks = "Task.Failed.DeleteDisks";

    /// <summary>{0}: the URL, {1}: the size (bytes), {2}: the pool, {3}: the volume.</summary>
    public const string TaskDownloading = "Task.Downloading";

    /// <summary>{0}: the volume.</summary>
    public const string TaskDownloaded = "Task.Downloaded";

    /// <summary>{0}: the cause.</summary>
    public const string TaskDownloadFailed = "Task.DownloadFailed";

    /// <summary>{0}: the size (bytes), {1}: the pool, {2}: the volume.</summary>
    public const string TaskUploading = "Task.Uploading";

    /// <summary>{0}: the volume.</summary>
    public const string TaskUploaded = "Task.Uploaded";

    /// <summary>{0}: the cause.</summary>
    public const string TaskUploadFailed = "Task.UploadFailed";

    /// <summary>{0}: the partial volume, deleted.</summary>
    public const string TaskPartialVolumeDeleted = "Task.PartialVolumeDeleted";

    /// <summary>{0}: the partial volume, {1}: why it could not be deleted (the cause).</summary>
    public const string TaskPartialVolumeKept = "Task.PartialVolumeKept";

    /// <summary>{0}: the operating system's or the HTTP stack's message (a file or network error).</summary>
    public const string IoFailed = "Agent.IoFailed";

    /// <summary>A notice, no argument: a running guest's snapshot was taken while no guest agent was connected to freeze its file systems.</summary>
    public const string SnapshotNotFrozenNoAgent = "Snapshot.NotFrozenNoAgent";

    /// <summary>A notice, {0}: libvirt's message: the guest agent could not freeze the file systems, so the snapshot was taken without.</summary>
    public const string SnapshotNotFrozenFreezeFailed = "Snapshot.NotFrozenFreezeFailed";

    /// <summary>A notice, {0}: how many file systems the guest agent froze for the snapshot.</summary>
    public const string SnapshotFrozen = "Snapshot.Frozen";
}
