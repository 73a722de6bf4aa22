using System.Diagnostics;
using System.Globalization;
using WebVirt.Contracts;

namespace WebVirt.Agent.Guests;

/// <summary>libvirt's verdict from its RelaxNG schema; <see cref="Skipped"/> when the tool is not installed. <see cref="Failure"/> says why it refused or was skipped.</summary>
internal sealed record SchemaVerdict(bool Valid, bool Skipped, Failure? Failure)
{
    public static SchemaVerdict Passed { get; } = new(true, false, null);
}

/// <summary>
/// Checks a domain XML against libvirt's own schema with virt-xml-validate (libvirt-clients), the
/// check VIR_DOMAIN_DEFINE_VALIDATE makes, without defining anything.
/// </summary>
/// <param name="toolPath">virt-xml-validate; another path (and timeout) only in tests.</param>
internal sealed partial class DomainSchemaCheck(string toolPath, ILogger<DomainSchemaCheck> logger, TimeSpan? timeout = null)
{
    public const string DefaultToolPath = "/usr/bin/virt-xml-validate";
    private const int ShellCommandNotFound = 127;
    private const int ShellCannotExecute = 126;
    private readonly TimeSpan _timeout = timeout ?? TimeSpan.FromSeconds(20);

    public async Task<SchemaVerdict> CheckAsync(string domainXml, CancellationToken ct)
    {
        if (!File.Exists(toolPath))
        {
            Log.Skipped(logger, $"{toolPath} is not installed");
            return new SchemaVerdict(true, true, Failure.Of(ErrorCodes.SchemaToolMissing, toolPath));
        }

        string file = Path.Combine(Path.GetTempPath(), $"webvirt-domain-{Guid.NewGuid():N}.xml");
        try
        {
            await File.WriteAllTextAsync(file, domainXml, ct);
            var start = new ProcessStartInfo(toolPath) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add(file);
            start.ArgumentList.Add("domain");
            using Process process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {toolPath}");
            Task<string> stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
            Task<string> stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
            limit.CancelAfter(_timeout);
            try
            {
                await process.WaitForExitAsync(limit.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(CancellationToken.None);
                ct.ThrowIfCancellationRequested();
                return new SchemaVerdict(false, false, Failure.Of(ErrorCodes.SchemaTimeout, _timeout.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)));
            }

            if (process.ExitCode == 0)
            {
                return SchemaVerdict.Passed;
            }

            // The tool names the temporary file in each line; the user knows it as the edited XML.
            string output = ((await stderr) + (await stdout)).Replace(file, "edited XML", StringComparison.Ordinal).Trim();
            if (process.ExitCode is ShellCommandNotFound or ShellCannotExecute)
            {
                // virt-xml-validate is a shell script around xmllint (package libxml2-utils), which libvirt-clients does not pull in.
                Log.Skipped(logger, $"{toolPath} cannot run ({output})");
                return new SchemaVerdict(true, true, Failure.Of(ErrorCodes.SchemaToolBroken, toolPath, output));
            }

            return new SchemaVerdict(false, false, Failure.Of(ErrorCodes.SchemaRefused, output.Length > 0 ? output : process.ExitCode.ToString(CultureInfo.InvariantCulture)));
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 9301, Level = LogLevel.Warning, Message = "Skipped libvirt's schema check of an edited domain XML: {Reason}")]
        public static partial void Skipped(ILogger logger, string reason);
    }
}
