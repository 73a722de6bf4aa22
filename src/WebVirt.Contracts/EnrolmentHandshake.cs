using System.Security.Cryptography;
using System.Text;

namespace WebVirt.Contracts;

/// <summary>What a console sends to an agent to enrol: the bearer token it will use from now on, and the proof that it knows the code.</summary>
public sealed record EnrolmentRequest(string Token, string Proof);

/// <summary>The agent's answer to an accepted enrolment: its host id, and its proof that it knows the code too.</summary>
public sealed record EnrolmentAnswer(string HostId, string Proof);

/// <summary>
/// The enrolment handshake between a console and a new agent. The administrator reads a one-time code on the
/// host and types it into the console; the code itself never crosses the network. Each side proves it knows the
/// code with an HMAC keyed by it over the console's new token and the SHA-256 fingerprint of the certificate the
/// console saw. A machine in the middle that terminated TLS with a certificate of its own cannot produce either
/// proof, and the agent's proof fails for the console when the certificate it saw is not the agent's own; so the
/// console can pin the certificate it saw.
/// </summary>
public static class EnrolmentHandshake
{
    public const string Path = "/enrol";

    /// <summary>Crockford's base32: no I, L, O or U, so the code reads aloud and types without confusion.</summary>
    public const string CodeAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    /// <summary>12 characters of 5 bits: 60 bits, far beyond guessing in the few tries and the hour a code lives.</summary>
    public const int CodeLength = 12;

    /// <summary>The code as the agent compares it: upper case, without the dashes and spaces people type.</summary>
    public static string NormalizeCode(string code)
    {
        var builder = new StringBuilder(code.Length);
        foreach (var c in code)
        {
            if (c is '-' or ' ')
            {
                continue;
            }

            builder.Append(char.ToUpperInvariant(c) switch
            {
                'O' => '0',
                'I' or 'L' => '1',
                var other => other,
            });
        }

        return builder.ToString();
    }

    /// <summary>Whether <paramref name="code"/>, once normalized, has the length and alphabet of a code.</summary>
    public static bool IsWellFormed(string code)
    {
        var normalized = NormalizeCode(code);
        return normalized.Length == CodeLength && normalized.All(c => CodeAlphabet.Contains(c, StringComparison.Ordinal));
    }

    /// <summary>The code in groups of four, as the agent prints it.</summary>
    public static string FormatCode(string code)
    {
        var normalized = NormalizeCode(code);
        return string.Join('-', normalized.Chunk(4).Select(chunk => new string(chunk)));
    }

    /// <summary>The console's proof: sent with its token.</summary>
    public static string RequestProof(string code, string token, string certificateSha256) =>
        Proof("webvirt-enrol-request", code, token, certificateSha256);

    /// <summary>The agent's proof: sent back with its answer.</summary>
    public static string AnswerProof(string code, string token, string certificateSha256) =>
        Proof("webvirt-enrol-answer", code, token, certificateSha256);

    /// <summary>Compares two proofs in fixed time.</summary>
    public static bool ProofsMatch(string expected, string presented) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(presented));

    /// <summary>A certificate fingerprint in the form both sides compare: SHA-256 of the DER bytes, lower-case hex.</summary>
    public static string Fingerprint(ReadOnlySpan<byte> certificateDer) => Convert.ToHexStringLower(SHA256.HashData(certificateDer));

    /// <summary>A fingerprint as people compare it on screen and in the enrol command's output: upper-case hex in pairs.</summary>
    public static string FingerprintForDisplay(string sha256Hex) =>
        string.Join(':', sha256Hex.ToUpperInvariant().Chunk(2).Select(pair => new string(pair)));

    private static string Proof(string label, string code, string token, string certificateSha256)
    {
        var key = SHA256.HashData(Encoding.UTF8.GetBytes(NormalizeCode(code)));
        var message = Encoding.UTF8.GetBytes($"{label}\n{token}\n{certificateSha256.ToLowerInvariant()}");
        return Convert.ToHexStringLower(HMACSHA256.HashData(key, message));
    }
}
