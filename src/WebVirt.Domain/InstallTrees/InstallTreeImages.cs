namespace WebVirt.Domain.InstallTrees;

/// <summary>
/// Where an install tree keeps its installer kernel and initrd (paths relative to the tree's URL),
/// and the kernel option that tells that installer where the tree is (null: the installer finds
/// its packages on its own, as Debian's does).
/// </summary>
public sealed record InstallTreeImages(string KernelPath, string InitrdPath, string? UrlArgument, string Layout);
