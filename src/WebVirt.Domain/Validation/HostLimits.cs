namespace WebVirt.Domain.Validation;

/// <summary>What the host has, read by the agent just before validation.</summary>
public sealed record HostLimits
{
    public required int HostCpus { get; init; }

    public required long HostMemoryMiB { get; init; }

    public IReadOnlyCollection<string> ExistingGuestNames { get; init; } = [];

    public IReadOnlyCollection<string> MacsInUse { get; init; } = [];

    public IReadOnlyList<StoragePoolInfo> Pools { get; init; } = [];

    public IReadOnlyCollection<string> Networks { get; init; } = [];

    public IReadOnlyCollection<string> Bridges { get; init; } = [];

    /// <summary>UUIDs of guests marked as template.</summary>
    public IReadOnlyCollection<string> TemplateUuids { get; init; } = [];

    public bool OvmfAvailable { get; init; }

    /// <summary>libvirt's domain capabilities offer a Secure Boot firmware for q35.</summary>
    public bool SecureBootAvailable { get; init; }

    /// <summary>libvirt's domain capabilities offer the TPM emulator backend (swtpm is installed).</summary>
    public bool TpmAvailable { get; init; }

    public bool KvmAvailable { get; init; } = true;

    /// <summary>The guests using a volume path, directly or through a backing file (the agent's volume usage), for imported images.</summary>
    public Func<string, IReadOnlyList<ImageUser>> ImageUsers { get; init; } = _ => [];
}

/// <summary>A guest using an image: <paramref name="Writable"/> when it writes the file itself, else it reads it (a CD-ROM, a backing file).</summary>
public sealed record ImageUser(string Guest, bool Writable);
