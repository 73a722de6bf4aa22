using System.Xml.Linq;
using WebVirt.Contracts;

namespace WebVirt.Agent.HostChecks;

/// <summary>
/// Decides whether guests here can use KVM, one check at a time, so the console can say exactly
/// which one fails (nested and software hypervisors often hide the CPU flags or the device).
/// </summary>
internal sealed class KvmProbe(HostPaths paths)
{
    public KvmStatus Probe(string capabilitiesXml)
    {
        var (usable, detail) = DevKvmUsable();
        var modules = LoadedKvmModules();
        return new KvmStatus(
            CpuVirtFlag(),
            modules.Contains("kvm") && modules.Any(m => m.StartsWith("kvm_", StringComparison.Ordinal)),
            modules,
            usable,
            detail,
            OffersKvm(capabilitiesXml));
    }

    internal string? CpuVirtFlag()
    {
        if (!File.Exists(paths.CpuInfo))
        {
            return null;
        }

        foreach (var line in File.ReadLines(paths.CpuInfo))
        {
            if (!line.StartsWith("flags", StringComparison.Ordinal))
            {
                continue;
            }

            var flags = line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (flags.Contains("vmx"))
            {
                return "vmx";
            }

            if (flags.Contains("svm"))
            {
                return "svm";
            }

            return null;
        }

        return null;
    }

    internal IReadOnlyList<string> LoadedKvmModules() =>
        Directory.Exists(paths.SysModule)
            ? Directory.EnumerateDirectories(paths.SysModule)
                .Select(Path.GetFileName)
                .OfType<string>()
                .Where(n => n == "kvm" || n.StartsWith("kvm_", StringComparison.Ordinal))
                .Order(StringComparer.Ordinal)
                .ToList()
            : [];

    internal (bool Usable, AgentText Detail) DevKvmUsable()
    {
        if (!File.Exists(paths.DevKvm))
        {
            return (false, AgentText.Of(ErrorCodes.DevKvmMissing, paths.DevKvm));
        }

        var mode = File.GetUnixFileMode(paths.DevKvm);
        var owner = FileOwnership.Read(paths.DevKvm);
        var accounts = new UnixAccounts(paths.Passwd, paths.Group);
        var qemuUserName = QemuUser();
        var ownerText = owner is { } o ? $"{accounts.NameOfUid(o.Uid)}:{accounts.FindGroup(o.Gid)?.Name ?? o.Gid.ToString(System.Globalization.CultureInfo.InvariantCulture)}" : "?";
        var detail = AgentText.Of(ErrorCodes.DevKvmAccess, FormatMode(mode), ownerText, qemuUserName);

        if (qemuUserName == "root" || HasReadWrite(mode, UnixFileMode.OtherRead, UnixFileMode.OtherWrite))
        {
            return (true, detail);
        }

        var qemuUser = accounts.FindUser(qemuUserName);
        if (owner is null || qemuUser is null)
        {
            return (false, detail);
        }

        if (owner.Value.Uid == qemuUser.Uid && HasReadWrite(mode, UnixFileMode.UserRead, UnixFileMode.UserWrite))
        {
            return (true, detail);
        }

        var group = accounts.FindGroup(owner.Value.Gid);
        var inGroup = qemuUser.Gid == owner.Value.Gid || (group?.Members.Contains(qemuUser.Name) ?? false);
        return (inGroup && HasReadWrite(mode, UnixFileMode.GroupRead, UnixFileMode.GroupWrite), detail);
    }

    /// <summary>
    /// The user libvirt starts QEMU as: qemu.conf's "user" setting, else Debian's default. The
    /// agent runs unprivileged and qemu.conf is root's only on Debian: then the default is taken.
    /// </summary>
    internal string QemuUser()
    {
        IEnumerable<string> lines;
        try
        {
            lines = File.Exists(paths.QemuConf) ? File.ReadAllLines(paths.QemuConf) : [];
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
            lines = [];
        }

        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (!line.StartsWith("user", StringComparison.Ordinal) || !line.Contains('=', StringComparison.Ordinal))
            {
                continue;
            }

            var parts = line.Split('=', 2);
            if (parts[0].Trim() == "user")
            {
                var value = parts[1].Trim().Trim('"');
                return value.StartsWith('+') ? "root" : value;
            }
        }

        return "libvirt-qemu";
    }

    internal static bool OffersKvm(string capabilitiesXml)
    {
        try
        {
            return XDocument.Parse(capabilitiesXml)
                .Descendants("guest")
                .Elements("arch")
                .Elements("domain")
                .Any(d => (string?)d.Attribute("type") == "kvm");
        }
        catch (System.Xml.XmlException)
        {
            return false;
        }
    }

    private static bool HasReadWrite(UnixFileMode mode, UnixFileMode read, UnixFileMode write) =>
        (mode & read) != 0 && (mode & write) != 0;

    private static string FormatMode(UnixFileMode mode)
    {
        Span<char> text = stackalloc char[9];
        ReadOnlySpan<(UnixFileMode Bit, char Letter)> bits =
        [
            (UnixFileMode.UserRead, 'r'), (UnixFileMode.UserWrite, 'w'), (UnixFileMode.UserExecute, 'x'),
            (UnixFileMode.GroupRead, 'r'), (UnixFileMode.GroupWrite, 'w'), (UnixFileMode.GroupExecute, 'x'),
            (UnixFileMode.OtherRead, 'r'), (UnixFileMode.OtherWrite, 'w'), (UnixFileMode.OtherExecute, 'x'),
        ];
        for (var i = 0; i < bits.Length; i++)
        {
            text[i] = (mode & bits[i].Bit) != 0 ? bits[i].Letter : '-';
        }

        return new string(text);
    }
}
