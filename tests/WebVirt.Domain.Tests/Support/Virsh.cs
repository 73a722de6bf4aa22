using System.Diagnostics;

namespace WebVirt.Domain.Tests.Support;

/// <summary>
/// libvirt's own command line client, for tests only: pools and networks have no safe API in
/// WebVirt.Libvirt yet, and "virsh attach-device --config" is the reference for device XML.
/// </summary>
public static class Virsh
{
    public const string Uri = "qemu:///system";

    public static (int ExitCode, string Output, string Error) Try(params string[] arguments)
    {
        var start = new ProcessStartInfo("virsh") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(Uri);
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(60_000))
        {
            process.Kill();
            throw new TimeoutException("virsh " + string.Join(' ', arguments));
        }

        return (process.ExitCode, output.Result, error.Result);
    }

    public static string Run(params string[] arguments)
    {
        (int code, string output, string error) = Try(arguments);
        Assert.True(code == 0, $"virsh {string.Join(' ', arguments)} failed ({code}): {error}");
        return output;
    }

    /// <summary>Runs a virsh command that takes an XML file, through a temporary file removed afterwards.</summary>
    public static string RunWithFile(string xml, Func<string, string[]> arguments)
    {
        string file = Path.Combine(Path.GetTempPath(), $"wvt-{Guid.NewGuid():N}.xml");
        File.WriteAllText(file, xml);
        try
        {
            return Run(arguments(file));
        }
        finally
        {
            File.Delete(file);
        }
    }

    public static IEnumerable<string> Names(string listCommand) =>
        Run(listCommand, "--all", "--name").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Removes this run's pools and networks (prefix wvt-&lt;run id&gt;-), also after failed tests.</summary>
    public static void RemoveRunPoolsAndNetworks(string prefix)
    {
        Assert.StartsWith(WebVirt.Testing.TestRun.CommonPrefix, prefix, StringComparison.Ordinal);
        foreach (string pool in Names("pool-list").Where(n => n.StartsWith(prefix, StringComparison.Ordinal)))
        {
            Try("pool-destroy", pool);
            Try("pool-undefine", pool);
        }

        foreach (string network in Names("net-list").Where(n => n.StartsWith(prefix, StringComparison.Ordinal)))
        {
            Try("net-destroy", network);
            Try("net-undefine", network);
        }
    }
}
