using System.Security.Cryptography;
using System.Text;

namespace WebVirt.Agent.Enrolment;

/// <summary>How the agent keeps a console's token: only its SHA-256, lower-case hex, never the token.</summary>
public static class ConsoleTokenHash
{
    public static string Of(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
