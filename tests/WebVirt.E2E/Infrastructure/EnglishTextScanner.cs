using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace WebVirt.E2E.Infrastructure;

/// <summary>
/// Reads what a user sees on a page (its text, and the titles, labels and placeholders of its
/// elements) and lists every English word in it that is not a name, a number, a unit or one of a
/// few fixed technical terms. Used to prove that the Chinese console leaves nothing in English.
/// </summary>
public sealed partial class EnglishTextScanner(IEnumerable<string> names)
{
    /// <summary>
    /// Words that stay as they are in a Chinese interface: product and protocol names, file formats
    /// and units, which Chinese documentation of libvirt and QEMU writes in Latin letters too.
    /// </summary>
    private static readonly HashSet<string> TechnicalTerms = new(StringComparer.Ordinal)
    {
        // Products and projects.
        "WebVirt", "libvirt", "libvirtd", "QEMU", "KVM", "TCG", "PAM", "OVMF", "Intel", "swtpm", "cloud-init",
        // Protocols, standards and hardware names, written in capitals in Chinese texts too.
        "VNC", "SPICE", "UUID", "XML", "CPU", "vCPU", "IP", "DHCP", "NAT", "MAC", "DNS", "ARP", "CIDR",
        "URL", "HTTP", "HTTPS", "PXE", "BIOS", "UEFI", "ISO", "NFS", "LVM", "ACPI", "VT-x", "AMD-V", "virtio",
        "API", "REST", "TPM",
        // Operating systems the guest agent card names with the way to install the agent there.
        "Debian", "Ubuntu", "Fedora", "RHEL", "Windows", "virtio-win",
        // The HTTP header an API client sends its token in, quoted as the client must write it.
        "Authorization", "Bearer",
        // The example of a bridge device's name a field shows.
        "virbrN",
        // CPU flags, kernel modules, system users and commands a host check tells the administrator to run.
        "vmx", "svm", "kvm", "libvirt-qemu", "modprobe", "chgrp", "chmod", "udev",
        // Key names as printed on keyboards (Ctrl+Alt+Del, F1 to F12).
        "Ctrl", "Alt", "Del", "CTRL", "ALT", "DEL", "F",
        // Authenticator apps the two-factor page names.
        "Aegis", "FreeOTP", "Google", "Authenticator",
        // A language's own name in the language chooser is written in that language.
        "English",
        // Units.
        "B", "KiB", "MiB", "GiB", "TiB", "s", "MHz",
    };

    private readonly List<string> _names = [.. names.Where(name => name.Length > 0).Distinct().OrderByDescending(name => name.Length)];

    /// <summary>The names this scanner passes over.</summary>
    public IReadOnlyList<string> Names => _names;

    /// <summary>Elements whose content is the machine's own data, not the console's words.</summary>
    private static readonly string[] DataElements =
    [
        // The guest's domain XML as libvirt keeps it, and the editor and diff of it.
        "[data-testid='guest-xml-persistent']", "[data-testid='guest-xml-live']", "[data-testid='guest-xml-diff']",
        "[data-testid='guest-xml-editor']", "[data-testid='wizard-xml']",
        // libvirt's names of the host's machine types and CPU models, as a domain's XML names them.
        "[data-testid='host-machines']", "[data-testid='host-cpu-models']",
        // The two-factor secret, shown in groups of letters to type into an app, and the recovery codes.
        "[data-testid='two-factor-key']", "[data-testid='two-factor-recovery-codes']",
        // What the guest itself prints on its serial port.
        "[data-testid='serial-terminal']",
        // The audit record as stored: its action name (a stable identifier such as set-guest-memory)
        // and its detail (what the call carried, libvirt's own error text included).
        ".audit-action", ".audit-detail",
        // The name of what a task acted on (a guest, an uploaded file), which another test of the
        // same run may have made.
        ".task-target",
        // Commands to type in a guest, and what its guest agent reports about it.
        "code.agent-command", "[data-testid='guest-agent-facts']", "[data-testid='guest-agent-filesystems']",
    ];

    /// <summary>The English words on the page as it is now, each with a little of the text around it.</summary>
    public async Task<IReadOnlyList<string>> EnglishOnAsync(IPage page)
    {
        var text = await page.EvaluateAsync<string>(
            """
            (dataSelectors) => {
                const data = [...document.querySelectorAll(dataSelectors.join(','))];
                const inData = el => data.some(d => d.contains(el));
                let body = document.body.innerText;
                // Longest first, so "login" does not cut "login-failed" apart before it is removed.
                const texts = data.map(d => d.innerText).filter(t => t).sort((a, b) => b.length - a.length);
                for (const t of texts) { body = body.split(t).join(' '); }
                const parts = [document.title, body];
                for (const el of document.querySelectorAll('[title],[aria-label],[placeholder],[alt]')) {
                    if (inData(el)) continue;
                    for (const a of ['title', 'aria-label', 'placeholder', 'alt']) {
                        const v = el.getAttribute(a);
                        if (v) parts.push(v);
                    }
                }
                // A visible file input draws the browser's own button and "No file chosen" in the
                // browser's language (English in the test's Chromium), not the console's.
                for (const el of document.querySelectorAll('input[type=file]')) {
                    if (!inData(el) && el.offsetParent !== null) parts.push('Choose File No file chosen');
                }
                return parts.join('\n');
            }
            """,
            DataElements);
        return English(text);
    }

    /// <summary>The English words of <paramref name="text"/> that are not names, numbers, units or technical terms.</summary>
    public IReadOnlyList<string> English(string text)
    {
        foreach (var name in _names)
        {
            // Whole names only: the host "vm" must not cut "vmx" apart.
            text = Regex.Replace(text, $"(?<![A-Za-z0-9_-]){Regex.Escape(name)}(?![A-Za-z0-9_-])", " ");
        }

        var found = new List<string>();
        foreach (Match token in Token().Matches(text))
        {
            if (!IsAllowed(token.Value))
            {
                var from = Math.Max(0, token.Index - 30);
                var to = Math.Min(text.Length, token.Index + token.Length + 30);
                found.Add($"'{token.Value}' in \"{text[from..to].ReplaceLineEndings(" ")}\"");
            }
        }

        return found;
    }

    private static bool IsAllowed(string token)
    {
        // Paths (/dev/kvm), addresses and versions (192.168.1.1, 7.2.0, x86_64, e1000), owners
        // (root:kvm), identifiers (kvm_intel), file modes (rw-rw----) and names of other test runs
        // (wvt-...) are data.
        if (token.StartsWith('/') || token.Any(char.IsAsciiDigit) || token.Contains(':', StringComparison.Ordinal)
            || token.Contains('_', StringComparison.Ordinal) || token.StartsWith("wvt-", StringComparison.Ordinal) || FileMode().IsMatch(token))
        {
            return true;
        }

        // A file name's extension (.img, .iso) is part of a name the user types.
        if (FileExtension().IsMatch(token))
        {
            return true;
        }

        // "KiB/s", "qcow2/raw": each part on its own.
        var parts = token.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return parts.All(part => TechnicalTerms.Contains(part.Trim('.', '-', ':', '_')));
    }

    [GeneratedRegex("^[.][a-z]{2,5}$")]
    private static partial Regex FileExtension();

    [GeneratedRegex("^[-r][-w][-xs][-r][-w][-xs][-r][-w][-xt]$")]
    private static partial Regex FileMode();

    // A run of Latin letters with the punctuation a path, unit or identifier carries inside it.
    [GeneratedRegex(@"[A-Za-z0-9_./:-]*[A-Za-z][A-Za-z0-9_./:-]*")]
    private static partial Regex Token();
}
