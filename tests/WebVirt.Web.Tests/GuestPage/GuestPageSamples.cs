using WebVirt.Contracts;

namespace WebVirt.Web.Tests.GuestPage;

internal static class GuestPageSamples
{
    public static GuestDetails Details(string name, GuestState state)
    {
        var guest = new GuestInfo(GuestPageFixture.HostId, Guid.NewGuid().ToString(), name, state, state == GuestState.Running ? "booted" : "shutdown",
            2, 2 * 1024 * 1024, 4 * 1024 * 1024, null, true, true, DateTimeOffset.UtcNow);
        var hardware = new GuestHardware(2, 4, 1, 2, 2, 2048, 4096,
            [new GuestDiskInfo("disk", "virtio", "vda", $"/var/lib/libvirt/images/{name}.qcow2", "qcow2", false, "none", "default", name + ".qcow2", 10L << 30, 2L << 30)],
            [new GuestNicInfo("52:54:00:12:34:56", "network", "default", "virtio", true)],
            ["hd"], false);
        return new GuestDetails(
            guest,
            new DateTimeOffset(2026, 11, 27, 6, 30, 0, TimeSpan.Zero),
            "debian12",
            "qemu",
            "uefi",
            "pc-q35-8.2",
            "host-model",
            hardware,
            hardware with { MemoryMiB = 3072 },
            new GuestNotes("Runs the build cache.", ["ci", "cache"], "alice", new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero)),
            new GuestCreationInfo("iso", "/isos/debian-12.iso", "debian12", "alice", new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero)),
            state == GuestState.Running ? [new GuestAddress("vnet3", "52:54:00:12:34:56", "192.168.122.45", 24, "lease")] : [],
            ["vnc"],
            true);
    }

    public static string DomainXml(string name, string uuid, bool live = false) => string.Join('\n',
        "<domain type='qemu'" + (live ? " id='7'" : "") + ">",
        $"  <name>{name}</name>",
        $"  <uuid>{uuid}</uuid>",
        "  <memory unit='KiB'>4194304</memory>",
        "  <vcpu placement='static' current='2'>4</vcpu>",
        "</domain>");
}
