using System.Diagnostics;

namespace WebVirt.Testing;

// The test guest built by tests/testguest/build.sh. The built files are never handed to libvirt:
// libvirt chowns what it attaches, and two guests must not share a writable image.
public static class TestGuestImages
{
    public const string Iso = "testguest.iso";
    public const string Disk = "testguest.qcow2";
    public const string Kernel = "testguest-vmlinuz";
    public const string Initrd = "testguest-initrd.img";

    private static readonly string[] s_outputs = [Iso, Disk, Kernel, Initrd];
    private static readonly SemaphoreSlim s_buildGate = new(1, 1);

    private const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    private const UnixFileMode DirectoryMode = FileMode | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    public static string OutputDirectory =>
        Environment.GetEnvironmentVariable("WEBVIRT_TESTGUEST_DIR") is { Length: > 0 } dir
            ? dir
            : Path.Combine(RepositoryRoot.Find(), ".testguest");

    public static async Task<string> EnsureBuiltAsync(CancellationToken cancellationToken = default)
    {
        string output = OutputDirectory;
        await s_buildGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (s_outputs.All(name => File.Exists(Path.Combine(output, name))))
            {
                return output;
            }

            string script = Path.Combine(RepositoryRoot.Find(), "tests", "testguest", "build.sh");
            var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add(script);
            start.ArgumentList.Add(output);
            using Process process = Process.Start(start) ?? throw new InvalidOperationException("could not start build.sh");
            Task<string> stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
            Task<string> stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException(
                    $"build.sh exited with {process.ExitCode}:\n{await stdout.ConfigureAwait(false)}\n{await stderr.ConfigureAwait(false)}");
            }

            return output;
        }
        finally
        {
            s_buildGate.Release();
        }
    }

    // A run directory that QEMU (running as libvirt-qemu) can traverse; libvirt's
    // dynamic_ownership takes care of the files themselves. One per caller: fixtures delete
    // their directory when done, and must not delete another fixture's files with it.
    public static string CreateRunDirectory()
    {
        string dir = Path.Combine(Path.GetTempPath(), $"webvirt-test-{TestRun.Id}-{Guid.NewGuid().ToString("N")[..8]}");
        Directory.CreateDirectory(dir);
        File.SetUnixFileMode(dir, DirectoryMode);
        return dir;
    }

    public static async Task CopyIntoAsync(string runDirectory, CancellationToken cancellationToken, params string[] names)
    {
        string output = await EnsureBuiltAsync(cancellationToken).ConfigureAwait(false);
        foreach (string name in names)
        {
            string target = Path.Combine(runDirectory, name);
            if (!File.Exists(target))
            {
                File.Copy(Path.Combine(output, name), target);
                File.SetUnixFileMode(target, FileMode);
            }
        }
    }
}
