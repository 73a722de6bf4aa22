using System.Text;
using Serilog.Sinks.File;

namespace WebVirt.Logging;

/// <summary>Log files readable by the service's user and group only: they name users, hosts and guests.</summary>
public sealed class PrivateLogFiles : FileLifecycleHooks
{
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead;

    public const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute;

    public static void CreateDirectory(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        // An existing folder keeps its mode: an administrator may have chosen a group on purpose.
        if (!Directory.Exists(directory))
        {
            Directory.CreateDirectory(directory, DirectoryMode);
        }
    }

    public override Stream OnFileOpened(string path, Stream underlyingStream, Encoding encoding)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, FileMode);
        }

        return base.OnFileOpened(path, underlyingStream, encoding);
    }
}
