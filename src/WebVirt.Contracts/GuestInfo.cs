namespace WebVirt.Contracts;

/// <summary>One row of a host's guest inventory.</summary>
/// <param name="HostId">The agent's host id.</param>
/// <param name="Uuid">The domain's UUID, lower-case with dashes; the stable key of a guest.</param>
/// <param name="Name">The domain's name.</param>
/// <param name="State">Run state.</param>
/// <param name="StateReason">libvirt's reason for the state, as a short word (for example "booted", "destroyed").</param>
/// <param name="VCpus">Current vCPU count.</param>
/// <param name="MemoryKiB">Current memory in KiB.</param>
/// <param name="MaxMemoryKiB">Maximum memory in KiB.</param>
/// <param name="CpuPercent">CPU use over the last sample, 100 = all of its vCPUs busy; null until two samples exist.</param>
/// <param name="Autostart">Whether libvirt starts the guest with the host.</param>
/// <param name="Persistent">Whether the guest has a persistent definition (false for transient guests).</param>
/// <param name="UpdatedAt">When the agent read this row.</param>
/// <param name="IsTemplate">Whether the guest is marked as template (kept only to be cloned; never started).</param>
public sealed record GuestInfo(
    string HostId,
    string Uuid,
    string Name,
    GuestState State,
    string StateReason,
    int VCpus,
    long MemoryKiB,
    long MaxMemoryKiB,
    double? CpuPercent,
    bool Autostart,
    bool Persistent,
    DateTimeOffset UpdatedAt,
    bool IsTemplate = false);
