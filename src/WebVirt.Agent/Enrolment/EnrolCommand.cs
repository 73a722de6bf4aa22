using System.Globalization;
using WebVirt.Agent.Configuration;

namespace WebVirt.Agent.Enrolment;

/// <summary>
/// `webvirt-agent enrol [--valid-minutes N]`: run by the administrator on the host (as the agent's user) to make
/// the code they then type into the console's "Add host", and to show the fingerprint the console will pin.
/// </summary>
public static class EnrolCommand
{
    public const string Verb = "enrol";

    public static int Run(AgentOptions options, IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        var validFor = EnrolmentService.DefaultValidity;
        var index = args.ToList().IndexOf("--valid-minutes");
        if (index >= 0)
        {
            if (index + 1 >= args.Count
                || !int.TryParse(args[index + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var minutes)
                || minutes is < 1 or > 7 * 24 * 60)
            {
                error.WriteLine("--valid-minutes takes a whole number of minutes from 1 to 10080 (one week).");
                return 2;
            }

            validFor = TimeSpan.FromMinutes(minutes);
        }

        try
        {
            var certificate = AgentCertificate.LoadOrCreate(options.StateDirectory, options.ResolvedHostId);
            var now = DateTimeOffset.UtcNow;
            var code = EnrolmentService.Issue(options.StateDirectory, validFor, now);
            output.WriteLine($"Enrolment code:       {Contracts.EnrolmentHandshake.FormatCode(code)}");
            output.WriteLine($"Valid until:          {(now + validFor).UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC (single use)");
            output.WriteLine($"Host id:              {options.ResolvedHostId}");
            output.WriteLine($"Certificate SHA-256:  {certificate.FingerprintForDisplay}");
            output.WriteLine("In WebVirt, open Hosts > Add host, enter this host's address and the code, and check that the fingerprint shown there is the one above.");
            return 0;
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
            error.WriteLine($"Cannot write to {options.StateDirectory}: {ex.Message}. Run this as the agent's user (sudo -u webvirt-agent webvirt-agent enrol).");
            return 1;
        }
    }
}
