namespace WebVirt.Domain.Validation;

/// <summary>
/// Keeps every disk and ISO path inside a storage pool's target directory. Paths are compared
/// after Path.GetFullPath; symlinks inside a pool are trusted (the pool is the admin's).
/// </summary>
public static class PoolPathRules
{
    // /lib, /lib32, /lib64, /libx32 are matched by their prefix.
    private static readonly string[] SystemDirectories = ["bin", "boot", "dev", "etc", "proc", "run", "sbin", "sys", "usr"];

    /// <summary>The pool holding <paramref name="path"/>, or null after adding the reason to <paramref name="problems"/>.</summary>
    public static StoragePoolInfo? FindPool(string? path, IReadOnlyList<StoragePoolInfo> pools, string field, List<ValidationProblem> problems)
    {
        string? full = CheckShape(path, field, problems);
        if (full is null)
        {
            return null;
        }

        StoragePoolInfo? pool = pools.FirstOrDefault(p => IsInside(full, p));
        if (pool is null)
        {
            problems.Add(ValidationProblem.Create(field, ValidationKeys.PathOutsidePools, path!));
        }

        return pool;
    }

    /// <summary>Checks that <paramref name="path"/> lies in the named pool and is a volume libvirt knows there.</summary>
    public static PoolVolume? FindVolume(string? path, string? poolName, IReadOnlyList<StoragePoolInfo> pools, string field, List<ValidationProblem> problems)
    {
        StoragePoolInfo? pool;
        if (poolName is null)
        {
            pool = FindPool(path, pools, field, problems);
        }
        else
        {
            pool = pools.FirstOrDefault(p => p.Name == poolName);
            string? full = CheckShape(path, field, problems);
            if (pool is null)
            {
                problems.Add(ValidationProblem.Create(field, ValidationKeys.PoolUnknown, Printable(poolName)));
                return null;
            }

            if (full is null)
            {
                return null;
            }

            if (!IsInside(full, pool))
            {
                problems.Add(ValidationProblem.Create(field, ValidationKeys.PathOutsidePool, path!, pool.Name));
                return null;
            }
        }

        if (pool is null)
        {
            return null;
        }

        string normalized = Path.GetFullPath(path!);
        PoolVolume? volume = pool.Volumes.FirstOrDefault(v => Path.GetFullPath(v.Path) == normalized);
        if (volume is null)
        {
            problems.Add(ValidationProblem.Create(field, ValidationKeys.VolumeUnknown, path!, pool.Name));
        }

        return volume;
    }

    public static bool IsInside(string fullPath, StoragePoolInfo pool)
    {
        string root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(pool.TargetPath)) + Path.DirectorySeparatorChar;
        return fullPath.StartsWith(root, StringComparison.Ordinal) && fullPath.Length > root.Length;
    }

    /// <summary>
    /// The directory a new pool keeps its volumes in: absolute, without "..", normalized (the
    /// returned form), and not a system directory or inside one, where volumes would shadow or
    /// overwrite the host's own files.
    /// </summary>
    public static string? CheckPoolTarget(string? path, string field, List<ValidationProblem> problems)
    {
        string? full = CheckShape(path, field, problems);
        if (full is null)
        {
            return null;
        }

        full = full.Length > 1 ? Path.TrimEndingDirectorySeparator(full) : full;
        if (SystemDirectoryOf(full) is string system)
        {
            problems.Add(ValidationProblem.Create(field, ValidationKeys.PoolTargetSystemDirectory, full, system));
            return null;
        }

        return full;
    }

    /// <summary>A block device: an absolute path under /dev, without "..", normalized.</summary>
    public static string? CheckDevicePath(string? path, string field, List<ValidationProblem> problems)
    {
        string? full = CheckShape(path, field, problems);
        if (full is null)
        {
            return null;
        }

        if (!full.StartsWith("/dev/", StringComparison.Ordinal) || full.Length <= "/dev/".Length || full.EndsWith('/'))
        {
            problems.Add(ValidationProblem.Create(field, ValidationKeys.DevicePathInvalid, full));
            return null;
        }

        return full;
    }

    /// <summary>The system directory <paramref name="fullPath"/> is or lies in ("/" only when it is "/"), or null.</summary>
    public static string? SystemDirectoryOf(string fullPath)
    {
        if (fullPath == "/")
        {
            return "/";
        }

        string top = fullPath.Split('/', StringSplitOptions.RemoveEmptyEntries)[0];
        return SystemDirectories.Contains(top, StringComparer.Ordinal) || top.StartsWith("lib", StringComparison.Ordinal) ? "/" + top : null;
    }

    /// <summary>True when one directory is the other or lies inside it.</summary>
    public static bool Overlaps(string fullPathA, string fullPathB)
    {
        string a = Path.TrimEndingDirectorySeparator(fullPathA) + "/";
        string b = Path.TrimEndingDirectorySeparator(fullPathB) + "/";
        return a.StartsWith(b, StringComparison.Ordinal) || b.StartsWith(a, StringComparison.Ordinal);
    }

    /// <summary>Absolute, printable, without "..": the shape every host path must have; returns the normalized path.</summary>
    internal static string? CheckShape(string? path, string field, List<ValidationProblem> problems)
    {
        if (string.IsNullOrEmpty(path))
        {
            problems.Add(ValidationProblem.Create(field, ValidationKeys.Required, field));
            return null;
        }

        if (!TextRules.Check(path, field, TextRules.MaxPathLength, allowLineBreaks: false, problems))
        {
            return null;
        }

        if (!path.StartsWith('/'))
        {
            problems.Add(ValidationProblem.Create(field, ValidationKeys.PathNotAbsolute, path));
            return null;
        }

        // Refused outright rather than normalized: a path that climbs out and back in is a trick, not a typo.
        if (path.Split('/').Contains(".."))
        {
            problems.Add(ValidationProblem.Create(field, ValidationKeys.PathParentSegment, path));
            return null;
        }

        return Path.GetFullPath(path);
    }

    internal static string Printable(string value) => TextRules.IsClean(value, false) ? value : "?";
}
