using System.Globalization;

namespace WebVirt.Agent.HostChecks;

/// <summary>Looks up users and groups in /etc/passwd and /etc/group (the local accounts libvirt's QEMU user lives in).</summary>
internal sealed class UnixAccounts(string passwdPath = "/etc/passwd", string groupPath = "/etc/group")
{
    public sealed record User(string Name, uint Uid, uint Gid);

    public sealed record Group(string Name, uint Gid, IReadOnlyList<string> Members);

    public User? FindUser(string name) =>
        ReadLines(passwdPath)
            .Select(l => l.Split(':'))
            .Where(f => f.Length >= 4 && f[0] == name && uint.TryParse(f[2], out _) && uint.TryParse(f[3], out _))
            .Select(f => new User(f[0], uint.Parse(f[2], CultureInfo.InvariantCulture), uint.Parse(f[3], CultureInfo.InvariantCulture)))
            .FirstOrDefault();

    public Group? FindGroup(uint gid) =>
        ReadLines(groupPath)
            .Select(l => l.Split(':'))
            .Where(f => f.Length >= 4 && uint.TryParse(f[2], out var g) && g == gid)
            .Select(f => new Group(f[0], gid, f[3].Split(',', StringSplitOptions.RemoveEmptyEntries)))
            .FirstOrDefault();

    public string NameOfUid(uint uid) =>
        ReadLines(passwdPath)
            .Select(l => l.Split(':'))
            .Where(f => f.Length >= 3 && uint.TryParse(f[2], out var u) && u == uid)
            .Select(f => f[0])
            .FirstOrDefault() ?? uid.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static IEnumerable<string> ReadLines(string path) =>
        File.Exists(path) ? File.ReadLines(path).Where(l => l.Length > 0 && l[0] != '#') : [];
}
