using WebVirt.Domain.Definition;

namespace WebVirt.Domain.Validation;

/// <summary>
/// A clone of a guest with cloud-init defaults (a cloud template) gets a new seed: the template's
/// user, password hash, packages and user-data, with the clone's own host name and SSH keys,
/// checked by the same rules as the wizard's.
/// </summary>
public static partial class CloudInitRules
{
    /// <summary>
    /// The new seed's settings; <paramref name="hostName"/> null or empty: the clone's name;
    /// <paramref name="sshKeys"/> null: the template's keys. Null with <paramref name="problems"/> saying why.
    /// </summary>
    public static ValidatedCloudInit? CheckClone(CloudInitDefaults defaults, string? hostName, IReadOnlyList<string>? sshKeys, string guestName, List<ValidationProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(defaults);
        ArgumentNullException.ThrowIfNull(problems);
        int before = problems.Count;
        var keys = CheckKeys(sshKeys ?? defaults.SshKeys, problems);
        string name = string.IsNullOrWhiteSpace(hostName) ? guestName : hostName.Trim();
        if (name.Length > 0 && !HostNameRules.IsValidDnsName(name))
        {
            problems.Add(ValidationProblem.Create("CloudInit.HostName", ValidationKeys.CloudHostNameInvalid, PoolPathRules.Printable(name)));
        }

        // Stored by WebVirt, but the domain XML can be edited by hand: read it as strictly as the wizard's input.
        var userData = CheckUserData(defaults.UserData, problems);
        if (defaults.PasswordHash is null && keys.Count == 0 && problems.Count == before)
        {
            problems.Add(ValidationProblem.Create("CloudInit.SshKeys", ValidationKeys.CloudNoLogin));
        }

        return problems.Count > before
            ? null
            : new ValidatedCloudInit(defaults.UserName, defaults.PasswordHash, keys, name, null, defaults.Packages, userData);
    }

    /// <summary>
    /// The capacity of a clone's first disk: <paramref name="currentBytes"/> when no size is asked,
    /// else the asked size, which may only grow the disk. Null with <paramref name="problems"/> saying why.
    /// </summary>
    public static long? CheckCloneDiskSize(long? sizeGiB, long currentBytes, List<ValidationProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (sizeGiB is not long giB)
        {
            return currentBytes;
        }

        if (!SizeRules.CheckDiskGiB(giB, "DiskSizeGiB", problems))
        {
            return null;
        }

        if (giB * SizeRules.GiB < currentBytes)
        {
            problems.Add(ValidationProblem.Create("DiskSizeGiB", ValidationKeys.CloneDiskSmaller, giB, (currentBytes + SizeRules.GiB - 1) / SizeRules.GiB));
            return null;
        }

        return giB * SizeRules.GiB;
    }
}
