using System.Globalization;
using WebVirt.Testing;
using Xunit.Abstractions;

namespace WebVirt.Libvirt.Tests.Migration;

// How long each migration took, for docs/migration.md: in the test output and appended to
// artifacts/libvirt/migration-times.txt. Never asserted (timings are benchmarks).
internal static class MigrationTimes
{
    private static readonly Lock s_gate = new();

    public static void Record(ITestOutputHelper output, string migration, TimeSpan elapsed, string? detail = null)
    {
        string line = string.Create(
            CultureInfo.InvariantCulture, $"{DateTime.UtcNow:O} {migration}: {elapsed.TotalSeconds:F2} s{(detail is null ? string.Empty : "; " + detail)}");
        output.WriteLine(line);
        lock (s_gate)
        {
            File.AppendAllLines(TestArtifacts.PathFor("libvirt", "migration-times.txt"), [line]);
        }
    }
}
