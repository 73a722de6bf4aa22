namespace WebVirt.Domain.Definition;

/// <summary>
/// The installer kernel and initrd of a network install tree, already downloaded by the agent to
/// local files. <see cref="UrlArgument"/> is the installer's option that names the tree
/// ("inst.repo" for anaconda, "install" for SUSE's linuxrc), or null for installers that find their
/// packages themselves (Debian's).
/// </summary>
public sealed record DirectKernelBoot
{
    public DirectKernelBoot(string kernelPath, string initrdPath, string? urlArgument = "inst.repo")
    {
        KernelPath = RequireLocalPath(kernelPath, nameof(kernelPath));
        InitrdPath = RequireLocalPath(initrdPath, nameof(initrdPath));
        if (urlArgument is not null && !System.Text.RegularExpressions.Regex.IsMatch(urlArgument, @"^[A-Za-z0-9][A-Za-z0-9._-]{0,31}\z"))
        {
            throw new ArgumentException("the URL argument must be a plain kernel option name", nameof(urlArgument));
        }

        UrlArgument = urlArgument;
    }

    public string KernelPath { get; }

    public string InitrdPath { get; }

    public string? UrlArgument { get; }

    // These come from the agent, not the user, so a bad one is a bug and throws.
    private static string RequireLocalPath(string path, string name)
    {
        if (string.IsNullOrEmpty(path) || !path.StartsWith('/') || path.Split('/').Contains("..") || !Validation.TextRules.IsClean(path, false))
        {
            throw new ArgumentException("must be an absolute local path without '..' or control characters", name);
        }

        return path;
    }
}
