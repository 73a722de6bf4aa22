using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace WebVirt.Domain.CloudInit;

/// <summary>
/// SHA-512 crypt ("$6$", Ulrich Drepper's "Unix crypt using SHA-256 and SHA-512"), the password
/// hash glibc, useradd and cloud-init's <c>passwd</c> key take. .NET has no crypt(3), and the seed
/// must never carry the password itself, so it is written here after the specification.
/// </summary>
public static class Sha512Crypt
{
    public const int DefaultRounds = 5000;
    public const int MinRounds = 1000;
    public const int MaxRounds = 999_999_999;
    public const int MaxSaltLength = 16;

    private const string Alphabet = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    // The order in which the spec packs the 64 digest bytes into base-64 groups of three.
    private static readonly int[] Order =
    [
        0, 21, 42, 22, 43, 1, 44, 2, 23, 3, 24, 45, 25, 46, 4, 47, 5, 26, 6, 27, 48, 28, 49, 7, 50, 8, 29,
        9, 30, 51, 31, 52, 10, 53, 11, 32, 12, 33, 54, 34, 55, 13, 56, 14, 35, 15, 36, 57, 37, 58, 16,
        59, 17, 38, 18, 39, 60, 40, 61, 19, 62, 20, 41,
    ];

    /// <summary>The hash of <paramref name="password"/> with a fresh random 16-character salt.</summary>
    public static string Hash(string password) => Hash(password, NewSalt(), DefaultRounds);

    /// <summary>
    /// The hash with <paramref name="salt"/> (cut to 16 characters, as the spec does) and
    /// <paramref name="rounds"/> (clamped to 1000..999999999; written only when not the default).
    /// </summary>
    public static string Hash(string password, string salt, int rounds = DefaultRounds)
    {
        ArgumentNullException.ThrowIfNull(password);
        ArgumentNullException.ThrowIfNull(salt);
        byte[] key = Encoding.UTF8.GetBytes(password);
        byte[] saltBytes = Encoding.UTF8.GetBytes(salt);
        if (saltBytes.Length > MaxSaltLength)
        {
            saltBytes = saltBytes[..MaxSaltLength];
        }

        int effective = Math.Clamp(rounds, MinRounds, MaxRounds);
        byte[] digest = Digest(key, saltBytes, effective);
        var text = new StringBuilder("$6$");
        if (rounds != DefaultRounds)
        {
            text.Append(CultureInfo.InvariantCulture, $"rounds={effective}$");
        }

        text.Append(Encoding.UTF8.GetString(saltBytes)).Append('$');
        for (int i = 0; i < Order.Length; i += 3)
        {
            Base64(text, (digest[Order[i]] << 16) | (digest[Order[i + 1]] << 8) | digest[Order[i + 2]], 4);
        }

        Base64(text, digest[63], 2);
        return text.ToString();
    }

    /// <summary>16 characters of the crypt alphabet from the system's random generator.</summary>
    public static string NewSalt()
    {
        var salt = new char[MaxSaltLength];
        for (int i = 0; i < salt.Length; i++)
        {
            salt[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }

        return new string(salt);
    }

    private static byte[] Digest(byte[] key, byte[] salt, int rounds)
    {
        byte[] b = SHA512.HashData([.. key, .. salt, .. key]);

        using var a = IncrementalHash.CreateHash(HashAlgorithmName.SHA512);
        a.AppendData(key);
        a.AppendData(salt);
        AppendRepeated(a, b, key.Length);
        for (int length = key.Length; length > 0; length >>= 1)
        {
            a.AppendData((length & 1) != 0 ? b : key);
        }

        byte[] current = a.GetHashAndReset();

        using var dp = IncrementalHash.CreateHash(HashAlgorithmName.SHA512);
        for (int i = 0; i < key.Length; i++)
        {
            dp.AppendData(key);
        }

        byte[] p = Repeat(dp.GetHashAndReset(), key.Length);

        using var ds = IncrementalHash.CreateHash(HashAlgorithmName.SHA512);
        for (int i = 0; i < 16 + current[0]; i++)
        {
            ds.AppendData(salt);
        }

        byte[] s = Repeat(ds.GetHashAndReset(), salt.Length);

        using var c = IncrementalHash.CreateHash(HashAlgorithmName.SHA512);
        for (int round = 0; round < rounds; round++)
        {
            c.AppendData((round & 1) != 0 ? p : current);
            if (round % 3 != 0)
            {
                c.AppendData(s);
            }

            if (round % 7 != 0)
            {
                c.AppendData(p);
            }

            c.AppendData((round & 1) != 0 ? current : p);
            current = c.GetHashAndReset();
        }

        return current;
    }

    private static void AppendRepeated(IncrementalHash hash, byte[] block, int length)
    {
        for (; length > block.Length; length -= block.Length)
        {
            hash.AppendData(block);
        }

        hash.AppendData(block, 0, length);
    }

    private static byte[] Repeat(byte[] block, int length)
    {
        byte[] result = new byte[length];
        for (int i = 0; i < length; i++)
        {
            result[i] = block[i % block.Length];
        }

        return result;
    }

    private static void Base64(StringBuilder text, int value, int count)
    {
        for (int i = 0; i < count; i++)
        {
            text.Append(Alphabet[value & 0x3f]);
            value >>= 6;
        }
    }
}
