namespace WebVirt.Domain.Validation;

/// <summary>
/// Keeps every disk and ISO path inside a storage pool's target directory. Paths are compared
/// after Path.GetFullPath; symlinks inside a pool are trusted (the pool is the admin's).
/// </summary>
public static class PoolPathRules
{
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

    private static string? CheckShape(string? path, string field, List<ValidationProblem> problems)
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
