namespace WebVirt.Agent.GuestHardware;

/// <summary>
/// The emulated TPM's state of one guest: libvirt's swtpm keeps it in &lt;root&gt;/&lt;uuid&gt;, and
/// libvirt 9.0 removes it only when the guest is undefined (VIR_DOMAIN_UNDEFINE_TPM), not when the
/// TPM is taken out of a definition. So the agent removes it then, carefully: only the directory
/// named by the guest's canonical UUID right under the root, never through a symbolic link.
/// </summary>
internal static class SwtpmStateFolder
{
    /// <summary>libvirt's default swtpm_storage_dir for qemu:///system.</summary>
    public const string DefaultRoot = "/var/lib/libvirt/swtpm";

    /// <summary>Removes the guest's TPM state; false when there was none (or no such folder may be removed), with why in <paramref name="refusal"/>.</summary>
    public static bool Remove(string root, string uuid, out string? refusal)
    {
        refusal = null;
        // Only the canonical form names a folder: nothing a caller typed reaches the path.
        if (!Guid.TryParseExact(uuid, "D", out Guid id) || !Path.IsPathRooted(root))
        {
            refusal = "not a canonical UUID or a rooted state folder";
            return false;
        }

        var folder = new DirectoryInfo(Path.Combine(root, id.ToString("D")));
        if (!folder.Exists && folder.LinkTarget is null)
        {
            return false;
        }

        if (folder.LinkTarget is not null || (folder.Attributes & FileAttributes.ReparsePoint) != 0)
        {
            refusal = $"{folder.FullName} is a symbolic link";
            return false;
        }

        // Recursive deletion removes links inside the folder without following them.
        folder.Delete(recursive: true);
        return true;
    }
}
