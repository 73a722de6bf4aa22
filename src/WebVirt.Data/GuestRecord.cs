using WebVirt.Contracts;

namespace WebVirt.Data;

/// <summary>One guest of one host, kept after libvirt forgets it so its history stays readable.</summary>
public sealed class GuestRecord
{
    public string HostId { get; set; } = "";

    public Guid Uuid { get; set; }

    public string Name { get; set; } = "";

    public GuestState State { get; set; }

    public string StateReason { get; set; } = "";

    public int VCpus { get; set; }

    public long MemoryKiB { get; set; }

    public bool Autostart { get; set; }

    public bool Persistent { get; set; }

    public DateTimeOffset FirstSeenAt { get; set; }

    public DateTimeOffset LastSeenAt { get; set; }

    /// <summary>When libvirt stopped listing the guest; null while it exists.</summary>
    public DateTimeOffset? RemovedAt { get; set; }
}
