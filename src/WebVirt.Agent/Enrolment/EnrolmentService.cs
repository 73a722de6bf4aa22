using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using WebVirt.Agent.Configuration;
using WebVirt.Contracts;

namespace WebVirt.Agent.Enrolment;

/// <summary>
/// Issues one-time enrolment codes and accepts the console that proves it knows one: the console's token hash
/// is then kept in the state directory and the code is gone. A code that is tried wrongly too often is discarded,
/// so it cannot be guessed.
/// </summary>
public sealed class EnrolmentService(IOptions<AgentOptions> options, AgentCertificateSource certificate, TimeProvider time, ILogger<EnrolmentService> logger)
{
    public const int MaxFailures = 5;
    public static readonly TimeSpan DefaultValidity = TimeSpan.FromHours(1);
    private const string ConsoleTokenFile = "console-token.sha256";
    private const int MinimumTokenLength = 32;

    private readonly Lock _lock = new();
    private readonly string _directory = options.Value.StateDirectory;
    private string? _enrolledTokenSha256;
    private bool _loaded;

    /// <summary>SHA-256 (hex) of the token of the console enrolled on this host, or null before any enrolment.</summary>
    public string? EnrolledTokenSha256
    {
        get
        {
            lock (_lock)
            {
                if (!_loaded)
                {
                    var path = Path.Combine(_directory, ConsoleTokenFile);
                    _enrolledTokenSha256 = File.Exists(path) ? File.ReadAllText(path).Trim() : null;
                    _loaded = true;
                }

                return _enrolledTokenSha256;
            }
        }
    }

    /// <summary>Makes a new code, valid for <paramref name="validFor"/>, replacing any code still waiting.</summary>
    public static string Issue(string directory, TimeSpan validFor, DateTimeOffset now)
    {
        var code = string.Create(EnrolmentHandshake.CodeLength, 0, static (chars, _) =>
        {
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = EnrolmentHandshake.CodeAlphabet[RandomNumberGenerator.GetInt32(EnrolmentHandshake.CodeAlphabet.Length)];
            }
        });
        new PendingCode(code, now + validFor, 0).Write(directory);
        return code;
    }

    public EnrolmentOutcome Accept(EnrolmentRequest request, string remote)
    {
        var fingerprint = certificate.Current.Fingerprint;
        lock (_lock)
        {
            var pending = PendingCode.Read(_directory);
            if (pending is null)
            {
                EnrolmentLog.Refused(logger, remote, "no code is waiting");
                return EnrolmentOutcome.Refused(ErrorCodes.EnrolmentNoCode);
            }

            if (pending.ExpiresAt <= time.GetUtcNow())
            {
                PendingCode.Delete(_directory);
                EnrolmentLog.Refused(logger, remote, "the code expired");
                return EnrolmentOutcome.Refused(ErrorCodes.EnrolmentExpired, pending.ExpiresAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
            }

            var expected = EnrolmentHandshake.RequestProof(pending.Code, request.Token, fingerprint);
            if (request.Token.Length < MinimumTokenLength || !EnrolmentHandshake.ProofsMatch(expected, request.Proof))
            {
                var failures = pending.Failures + 1;
                if (failures >= MaxFailures)
                {
                    PendingCode.Delete(_directory);
                }
                else
                {
                    (pending with { Failures = failures }).Write(_directory);
                }

                EnrolmentLog.Refused(logger, remote, "wrong proof");
                return EnrolmentOutcome.Refused(ErrorCodes.EnrolmentRefused, (MaxFailures - failures).ToString(CultureInfo.InvariantCulture));
            }

            var tokenSha256 = ConsoleTokenHash.Of(request.Token);
            AgentStateDirectory.WritePrivate(Path.Combine(_directory, ConsoleTokenFile), tokenSha256);
            PendingCode.Delete(_directory);
            _enrolledTokenSha256 = tokenSha256;
            _loaded = true;
            EnrolmentLog.Enrolled(logger, remote);
            return EnrolmentOutcome.Accepted(new EnrolmentAnswer(
                options.Value.ResolvedHostId,
                EnrolmentHandshake.AnswerProof(pending.Code, request.Token, fingerprint)));
        }
    }
}
