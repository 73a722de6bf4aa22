using System.Collections.Concurrent;
using WebVirt.Contracts;
using WebVirt.Web.Data;

namespace WebVirt.Web.Agents.Enrolment;

/// <summary>The console's half of <see cref="EnrolmentHandshake"/>, over a TLS connection that trusts no authority but the proofs.</summary>
internal static class AgentHandshakeClient
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(20);

    public static async Task<HandshakeOutcome> EnrolAsync(Uri url, string code, string token, CancellationToken cancellationToken)
    {
        // Every certificate seen on the way; the proofs are made over the first, and all must be that one.
        var seen = new ConcurrentQueue<string>();
        using var handler = new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(10) };
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
        {
            if (certificate is null)
            {
                return false;
            }

            seen.Enqueue(EnrolmentHandshake.Fingerprint(certificate.GetRawCertData()));
            return true;
        };
        using var client = new HttpClient(handler) { BaseAddress = url, Timeout = CallTimeout };
        try
        {
            // The first call only opens TLS, so the certificate is known before the proof is made over it.
            using (await client.GetAsync("/healthz", cancellationToken))
            {
            }

            if (!seen.TryPeek(out var fingerprint))
            {
                return HandshakeOutcome.Refused(Failure.Of(ErrorCodes.EnrolmentUnreachable, url.ToString(), "no TLS certificate"));
            }

            using var response = await client.PostAsJsonAsync(
                EnrolmentHandshake.Path, new EnrolmentRequest(token, EnrolmentHandshake.RequestProof(code, token, fingerprint)), cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                var failure = await ReadFailureAsync(response, cancellationToken);
                return HandshakeOutcome.Refused(failure ?? Failure.Of(ErrorCodes.EnrolmentUnreachable, url.ToString(), $"HTTP {(int)response.StatusCode}"));
            }

            var answer = await response.Content.ReadFromJsonAsync<EnrolmentAnswer>(cancellationToken);
            if (answer is null || seen.Distinct(StringComparer.Ordinal).Count() != 1
                || !EnrolmentHandshake.ProofsMatch(EnrolmentHandshake.AnswerProof(code, token, fingerprint), answer.Proof)
                || string.IsNullOrWhiteSpace(answer.HostId) || answer.HostId.Length > EnrolledHost.HostIdMaxLength)
            {
                return HandshakeOutcome.Refused(Failure.Of(ErrorCodes.EnrolmentAgentProof, url.ToString()));
            }

            return new HandshakeOutcome(answer, fingerprint, null);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException && !cancellationToken.IsCancellationRequested)
        {
            return HandshakeOutcome.Refused(Failure.Of(ErrorCodes.EnrolmentUnreachable, url.ToString(), ex.GetBaseException().Message));
        }
    }

    private static async Task<Failure?> ReadFailureAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var failure = await response.Content.ReadFromJsonAsync<Failure>(cancellationToken);
            // Only the agent's own enrolment codes are taken from its answer; anything else is not trusted as a code.
            return failure is { Code: ErrorCodes.EnrolmentNoCode or ErrorCodes.EnrolmentExpired or ErrorCodes.EnrolmentRefused or ErrorCodes.EnrolmentNeedsTls }
                ? Failure.Of(failure.Code, [.. failure.Args.Take(1).Select(arg => arg.Length > 64 ? arg[..64] : arg)])
                : null;
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or NotSupportedException)
        {
            return null;
        }
    }

    public sealed record HandshakeOutcome(EnrolmentAnswer? Answer, string? Fingerprint, Failure? Failure)
    {
        public static HandshakeOutcome Refused(Failure failure) => new(null, null, failure);
    }
}
