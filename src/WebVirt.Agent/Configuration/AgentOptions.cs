namespace WebVirt.Agent.Configuration;

/// <summary>Settings of the host agent, bound from the "Agent" configuration section.</summary>
public sealed class AgentOptions
{
    public const string SectionName = "Agent";

    /// <summary>The id this host is known by in the console; the machine's hostname when empty.</summary>
    public string HostId { get; set; } = "";

    public string LibvirtUri { get; set; } = "qemu:///system";

    /// <summary>
    /// SHA-256 (hex) of the bearer token the local console presents, set by the installer; the token itself is never
    /// stored here. Empty on a host whose console enrols with a code instead.
    /// </summary>
    public string TokenSha256 { get; set; } = "";

    public double PollIntervalSeconds { get; set; } = 2;

    /// <summary>
    /// Seconds after the first inventory read at which the pages touched only while starting are given
    /// back (StartupPageOut); negative: never.
    /// </summary>
    public double PageOutAfterStartSeconds { get; set; } = 30;

    /// <summary>The agent's own files: its TLS certificate, a waiting enrolment code and the token hash of its enrolled console.</summary>
    public string StateDirectory { get; set; } = "/var/lib/webvirt-agent";

    /// <summary>Where network installs keep the installer kernel and initrd they boot (as virt-install does); removed once the guest runs.</summary>
    public string BootDirectory { get; set; } = "/var/lib/libvirt/boot";

    /// <summary>libvirt's swtpm_storage_dir: a guest's emulated TPM keeps its state in a folder named by its UUID here.</summary>
    public string SwtpmStateDirectory { get; set; } = GuestHardware.SwtpmStateFolder.DefaultRoot;

    /// <summary>
    /// Where this host's QEMU listens for an incoming migration; the streams arrive through the
    /// agent's tunnel, so it stays on loopback (another loopback address when two hosts share a machine).
    /// </summary>
    public string MigrationListenAddress { get; set; } = "127.0.0.1";

    /// <summary>
    /// The unix socket where the web on this machine collects guests' VNC connections (ConsoleHandoff), so it relays
    /// them itself instead of through the agent. Empty: off, and the web relays through the agent's HTTP relay.
    /// </summary>
    public string ConsoleHandoffSocket { get; set; } = "";

    public string ResolvedHostId => string.IsNullOrWhiteSpace(HostId) ? Environment.MachineName : HostId;
}
