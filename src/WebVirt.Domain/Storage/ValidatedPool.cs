namespace WebVirt.Domain.Storage;

/// <summary>
/// A pool spec that passed <see cref="StoragePoolValidator"/>, with its paths normalized. Only the
/// validator creates one, so pool XML can only be built from validated input.
/// </summary>
public sealed class ValidatedPool
{
    internal ValidatedPool(PoolSpec spec, string targetPath, string? sourceDevice, string? sourceDirectory, IReadOnlyList<string> sourceDevices)
    {
        Spec = spec;
        TargetPath = targetPath;
        SourceDevice = sourceDevice;
        SourceDirectory = sourceDirectory;
        SourceDevices = sourceDevices;
    }

    public PoolSpec Spec { get; }

    public string Name => Spec.Name;

    /// <summary>The normalized target directory; for a logical pool, /dev/&lt;volume group&gt;.</summary>
    public string TargetPath { get; }

    /// <summary>The fs pool's normalized device path.</summary>
    public string? SourceDevice { get; }

    /// <summary>The netfs pool's normalized export path.</summary>
    public string? SourceDirectory { get; }

    /// <summary>The logical pool's normalized physical volumes (may be empty).</summary>
    public IReadOnlyList<string> SourceDevices { get; }
}
