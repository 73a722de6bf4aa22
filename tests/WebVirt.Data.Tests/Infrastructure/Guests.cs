using WebVirt.Contracts;

namespace WebVirt.Data.Tests.Infrastructure;

/// <summary>Inventory rows as the agent would report them.</summary>
public static class Guests
{
    public static GuestInfo Guest(
        string hostId,
        Guid uuid,
        GuestState state = GuestState.Running,
        string? name = null,
        string reason = "booted",
        int vcpus = 1,
        long memoryKiB = 262_144) =>
        new(
            hostId,
            uuid.ToString(),
            name ?? $"guest-{uuid.ToString()[..8]}",
            state,
            reason,
            vcpus,
            memoryKiB,
            memoryKiB,
            CpuPercent: null,
            Autostart: false,
            Persistent: true,
            UpdatedAt: TestClock.Start);

    /// <summary>A host id no other test uses, so tests sharing a class database cannot see each other's rows.</summary>
    public static string NewHostId() => $"host-{Guid.NewGuid():N}";
}
