using YamlDotNet.RepresentationModel;

namespace WebVirt.Domain.Validation;

/// <summary>
/// The rules a clone of a cloud template's new seed is checked by (see
/// <c>Definition.CloudInitDefaults.ForClone</c>): the wizard's, one by one, and its disk's size.
/// </summary>
public static partial class CloudInitRules
{
    /// <summary>The checked OpenSSH public key lines, each refusal under "CloudInit.SshKeys" naming its line.</summary>
    public static List<string> CheckSshKeys(IReadOnlyList<string> lines, List<ValidationProblem> problems) => CheckKeys(lines, problems);

    /// <summary>The host name: <paramref name="hostName"/> trimmed, or <paramref name="guestName"/> when empty; refused under "CloudInit.HostName" unless a DNS name.</summary>
    public static string CheckHostName(string? hostName, string guestName, List<ValidationProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        string name = string.IsNullOrWhiteSpace(hostName) ? guestName : hostName.Trim();
        if (name.Length > 0 && !HostNameRules.IsValidDnsName(name))
        {
            problems.Add(ValidationProblem.Create("CloudInit.HostName", ValidationKeys.CloudHostNameInvalid, PoolPathRules.Printable(name)));
        }

        return name;
    }

    /// <summary>The expert #cloud-config as a mapping (null when none), refused under "CloudInit.UserData" as the wizard's is.</summary>
    public static YamlMappingNode? CheckUserDataText(string? text, List<ValidationProblem> problems) => CheckUserData(text, problems);

    /// <summary>Without a password hash the keys are the only way in: none is refused as the wizard refuses it.</summary>
    public static void CheckLogin(string? passwordHash, IReadOnlyList<string> keys, List<ValidationProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (passwordHash is null && keys.Count == 0)
        {
            problems.Add(ValidationProblem.Create("CloudInit.SshKeys", ValidationKeys.CloudNoLogin));
        }
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
