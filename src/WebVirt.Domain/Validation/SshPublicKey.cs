using System.Buffers.Binary;
using System.Text;

namespace WebVirt.Domain.Validation;

/// <summary>
/// An OpenSSH public key line ("type base64 [comment]") checked the way sshd would read it: a
/// known type, and a key blob that is valid base 64 and names the same type in its first field,
/// followed by the fields that type has and nothing else.
/// </summary>
public static class SshPublicKey
{
    public const int MaxLineLength = 16 * 1024;

    public enum Verdict
    {
        Valid,
        UnknownType,
        Malformed,
    }

    // Type name and how many length-prefixed fields follow the name in the blob.
    private static readonly Dictionary<string, int> Types = new(StringComparer.Ordinal)
    {
        ["ssh-ed25519"] = 1,
        ["ssh-rsa"] = 2,
        ["ecdsa-sha2-nistp256"] = 2,
        ["ecdsa-sha2-nistp384"] = 2,
        ["ecdsa-sha2-nistp521"] = 2,
        ["sk-ssh-ed25519@openssh.com"] = 2,
        ["sk-ecdsa-sha2-nistp256@openssh.com"] = 3,
    };

    public static Verdict Check(string line, out string type)
    {
        ArgumentNullException.ThrowIfNull(line);
        string[] parts = line.Trim().Split([' ', '\t'], 3, StringSplitOptions.RemoveEmptyEntries);
        type = parts.Length > 0 ? parts[0] : "";
        if (!Types.TryGetValue(type, out int fields))
        {
            return Verdict.UnknownType;
        }

        if (parts.Length < 2 || line.Length > MaxLineLength || line.Any(char.IsControl))
        {
            return Verdict.Malformed;
        }

        byte[] blob = new byte[parts[1].Length];
        if (!Convert.TryFromBase64String(parts[1], blob, out int length))
        {
            return Verdict.Malformed;
        }

        return BlobMatches(blob.AsSpan(0, length), type, fields) ? Verdict.Valid : Verdict.Malformed;
    }

    private static bool BlobMatches(ReadOnlySpan<byte> blob, string type, int fields)
    {
        if (!TryRead(ref blob, out ReadOnlySpan<byte> name) || !name.SequenceEqual(Encoding.ASCII.GetBytes(type)))
        {
            return false;
        }

        for (int i = 0; i < fields; i++)
        {
            if (!TryRead(ref blob, out ReadOnlySpan<byte> field) || field.IsEmpty)
            {
                return false;
            }

            // An Ed25519 public key is exactly 32 bytes; the other types' fields vary in length.
            if (i == 0 && type.Contains("ed25519", StringComparison.Ordinal) && field.Length != 32)
            {
                return false;
            }
        }

        return blob.IsEmpty;
    }

    private static bool TryRead(ref ReadOnlySpan<byte> blob, out ReadOnlySpan<byte> field)
    {
        field = default;
        if (blob.Length < 4)
        {
            return false;
        }

        uint length = BinaryPrimitives.ReadUInt32BigEndian(blob);
        if (length > (uint)(blob.Length - 4))
        {
            return false;
        }

        field = blob.Slice(4, (int)length);
        blob = blob[(4 + (int)length)..];
        return true;
    }
}
