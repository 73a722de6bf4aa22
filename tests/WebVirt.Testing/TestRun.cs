using System.Security.Cryptography;

namespace WebVirt.Testing;

// Identity of this test process: every guest it creates starts with Prefix, so cleanup can find
// exactly what this run left behind without touching guests of other runs.
public static class TestRun
{
    public const string CommonPrefix = "wvt-";

    public static string Id { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));

    public static string Prefix { get; } = Environment.GetEnvironmentVariable("WEBVIRT_TEST_PREFIX") is { Length: > 0 } prefix
        ? prefix
        : $"{CommonPrefix}{Id}-";

    public static string GuestName(string purpose) => Prefix + purpose;
}
