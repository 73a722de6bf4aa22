using System.Text;
using WebVirt.Domain.Validation;

namespace WebVirt.Domain.Storage;

/// <summary>
/// Volume names are guest-name shaped (^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$) and end in the
/// extension of their format: .qcow2, .img or .raw, .iso. Uploaded file names are turned into
/// such names by <see cref="Sanitize"/>.
/// </summary>
public static class VolumeNames
{
    public static IReadOnlyList<string> AllExtensions { get; } = [".qcow2", ".img", ".raw", ".iso"];

    public static IReadOnlyList<string> Extensions(VolumeFormat format) => format switch
    {
        VolumeFormat.Qcow2 => [".qcow2"],
        VolumeFormat.Raw => [".img", ".raw"],
        VolumeFormat.Iso => [".iso"],
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };

    /// <summary>libvirt's &lt;format type&gt; of a volume.</summary>
    public static string LibvirtFormat(VolumeFormat format) => format switch
    {
        VolumeFormat.Qcow2 => "qcow2",
        VolumeFormat.Raw => "raw",
        VolumeFormat.Iso => "iso",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };

    /// <summary>The format a name's extension stands for, or null for an unknown extension.</summary>
    public static VolumeFormat? FormatOf(string name)
    {
        foreach (VolumeFormat format in Enum.GetValues<VolumeFormat>())
        {
            if (Extensions(format).Any(e => name.EndsWith(e, StringComparison.Ordinal)))
            {
                return format;
            }
        }

        return null;
    }

    /// <summary>
    /// A volume name from a user's file name: the last path segment, characters outside
    /// [A-Za-z0-9._-] replaced by '_', leading '.', '_' and '-' dropped, the extension lower-cased,
    /// the stem shortened to fit 64 characters. Null when no name with a known extension remains.
    /// </summary>
    public static string? Sanitize(string? fileName)
    {
        if (string.IsNullOrEmpty(fileName))
        {
            return null;
        }

        string last = fileName[(fileName.LastIndexOfAny(['/', '\\']) + 1)..];
        int dot = last.LastIndexOf('.');
        if (dot < 0)
        {
            return null;
        }

        string extension = last[dot..].ToLowerInvariant();
        if (!AllExtensions.Contains(extension, StringComparer.Ordinal))
        {
            return null;
        }

        var stem = new StringBuilder();
        foreach (Rune rune in last[..dot].EnumerateRunes())
        {
            stem.Append(rune.IsAscii && (char.IsAsciiLetterOrDigit((char)rune.Value) || rune.Value is '.' or '_' or '-') ? (char)rune.Value : '_');
        }

        string clean = stem.ToString().TrimStart('.', '_', '-');
        clean = clean[..Math.Min(clean.Length, NameRules.MaxNameLength - extension.Length)];
        return clean.Length == 0 ? null : clean + extension;
    }

    /// <summary>Refuses a bad name, a name whose extension does not match <paramref name="format"/>, and a name taken in the pool.</summary>
    public static bool Check(string? name, VolumeFormat format, StoragePoolInfo pool, string field, List<ValidationProblem> problems)
    {
        if (!NameRules.CheckIdentifier(name, field, problems))
        {
            return false;
        }

        if (Enum.IsDefined(format) && !Extensions(format).Any(e => name!.EndsWith(e, StringComparison.Ordinal) && name.Length > e.Length))
        {
            problems.Add(ValidationProblem.Create(field, ValidationKeys.VolumeExtensionMismatch, name!, LibvirtFormat(format), string.Join(", ", Extensions(format))));
            return false;
        }

        if (pool.Volumes.Any(v => Path.GetFileName(v.Path) == name))
        {
            problems.Add(ValidationProblem.Create(field, ValidationKeys.VolumeExists, name!, pool.Name));
            return false;
        }

        return true;
    }
}
