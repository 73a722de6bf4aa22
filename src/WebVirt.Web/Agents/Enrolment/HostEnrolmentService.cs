using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using WebVirt.Contracts;
using WebVirt.Web.Audit;
using WebVirt.Web.Configuration;
using WebVirt.Web.Data;
using WebVirt.Web.Security;

namespace WebVirt.Web.Agents.Enrolment;

/// <summary>
/// Adds a host from the address and one-time code its administrator typed, and removes such a host again. The
/// code never leaves this process: the console proves it knows it (<see cref="EnrolmentHandshake"/>), checks the
/// agent's proof in return, and pins the certificate both proofs were made over.
/// </summary>
public sealed partial class HostEnrolmentService(
    IDbContextFactory<WebDbContext> contexts,
    IDataProtectionProvider protection,
    AgentDirectory directory,
    AuditLog audit,
    ICurrentUser currentUser,
    TimeProvider time,
    ILogger<HostEnrolmentService> logger)
{
    public const string TokenPurpose = "WebVirt.EnrolledHosts.Token";
    public const string AuditEnrol = "host.enrol";
    public const string AuditRemove = "host.remove";

    public async Task<HostEnrolmentResult> EnrolAsync(string address, string code, string? name, CancellationToken cancellationToken = default)
    {
        var (caller, refused) = await CheckAllowedAsync(AuditEnrol, address);
        if (refused is not null)
        {
            return refused;
        }

        var url = AgentAddress.Parse(address);
        if (url is null)
        {
            return HostEnrolmentResult.Refused(ErrorCodes.EnrolmentAddressInvalid, address);
        }

        if (!EnrolmentHandshake.IsWellFormed(code))
        {
            return HostEnrolmentResult.Refused(ErrorCodes.EnrolmentCodeInvalid);
        }

        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var outcome = await AgentHandshakeClient.EnrolAsync(url, code, token, cancellationToken);
        if (outcome.Failure is not null || outcome.Answer is null)
        {
            return await AuditedAsync(caller, AuditEnrol, url.ToString(), HostEnrolmentResult.Refused(outcome.Failure!));
        }

        var hostId = outcome.Answer.HostId;
        if (directory.IsConfigured(hostId))
        {
            return await AuditedAsync(caller, AuditEnrol, hostId, HostEnrolmentResult.Refused(ErrorCodes.EnrolmentHostConfigured, hostId));
        }

        var agent = new AgentOptions
        {
            HostId = hostId,
            Name = string.IsNullOrWhiteSpace(name) ? hostId : name.Trim(),
            Url = url.ToString().TrimEnd('/'),
            Token = token,
            CertificateSha256 = outcome.Fingerprint!,
        };
        await SaveAsync(agent, caller.Name, cancellationToken);
        directory.Add(agent);
        Log.Enrolled(logger, hostId, agent.Url, agent.CertificateSha256);
        return await AuditedAsync(caller, AuditEnrol, hostId, HostEnrolmentResult.Added(hostId, agent.CertificateSha256));
    }

    public async Task<HostEnrolmentResult> RemoveAsync(string hostId, CancellationToken cancellationToken = default)
    {
        var (caller, refused) = await CheckAllowedAsync(AuditRemove, hostId);
        if (refused is not null)
        {
            return refused;
        }

        if (!directory.IsEnrolled(hostId))
        {
            return HostEnrolmentResult.Refused(ErrorCodes.EnrolmentNotEnrolled, hostId);
        }

        await using (var context = await contexts.CreateDbContextAsync(cancellationToken))
        {
            await context.EnrolledHosts.Where(h => h.HostId == hostId).ExecuteDeleteAsync(cancellationToken);
        }

        directory.Remove(hostId);
        return await AuditedAsync(caller, AuditRemove, hostId, HostEnrolmentResult.Added(hostId, ""));
    }

    /// <summary>The enrolled hosts as stored, with their tokens decrypted; a host whose token cannot be read is skipped and logged.</summary>
    public static async Task<IReadOnlyList<AgentOptions>> ReadAllAsync(
        IDbContextFactory<WebDbContext> contexts, IDataProtectionProvider protection, ILogger logger, CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await context.EnrolledHosts.AsNoTracking().OrderBy(h => h.HostId).ToListAsync(cancellationToken);
        var protector = protection.CreateProtector(TokenPurpose);
        var agents = new List<AgentOptions>(rows.Count);
        foreach (var row in rows)
        {
            try
            {
                agents.Add(new AgentOptions
                {
                    HostId = row.HostId,
                    Name = row.Name,
                    Url = row.Url,
                    Token = protector.Unprotect(row.ProtectedToken),
                    CertificateSha256 = row.CertificateSha256,
                });
            }
            catch (CryptographicException ex)
            {
                Log.TokenUnreadable(logger, row.HostId, ex);
            }
        }

        return agents;
    }

    private async Task SaveAsync(AgentOptions agent, string userName, CancellationToken cancellationToken)
    {
        var protectedToken = protection.CreateProtector(TokenPurpose).Protect(agent.Token);
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await context.EnrolledHosts.FindAsync([agent.HostId], cancellationToken);
        if (row is null)
        {
            row = new EnrolledHost { HostId = agent.HostId };
            context.EnrolledHosts.Add(row);
        }

        row.Name = agent.Name;
        row.Url = agent.Url;
        row.ProtectedToken = protectedToken;
        row.CertificateSha256 = agent.CertificateSha256;
        row.AddedAt = time.GetUtcNow();
        row.AddedBy = AuditText.Bounded(userName, AuditEntry.UserNameMaxLength);
        await context.SaveChangesAsync(cancellationToken);
    }

    // Adding and removing hosts is for administrators; a refusal is audited like any other.
    private async Task<(Caller Caller, HostEnrolmentResult? Refused)> CheckAllowedAsync(string action, string target)
    {
        var user = await currentUser.GetAsync();
        var caller = new Caller(user.Identity?.Name ?? "anonymous", ApiTokenClaims.TokenNameOf(user) is { } token ? ApiTokenClaims.AuditNote(token) : null);
        if (Permissions.IsAllowed(user, Permission.ManageHosts))
        {
            return (caller, null);
        }

        var refusal = HostEnrolmentResult.Refused(Failure.Of(ErrorCodes.Forbidden, caller.Name, action).WithHint(HintKeys.Forbidden));
        return (caller, await AuditedAsync(caller, action, target, refusal));
    }

    private async Task<HostEnrolmentResult> AuditedAsync(Caller caller, string action, string target, HostEnrolmentResult result)
    {
        var outcome = result.Ok ? result.CertificateSha256 is { Length: > 0 } pin ? "certificate sha256 " + pin : null : result.Failure!.ToString();
        var detail = string.Join(result.Ok ? ", " : " ", new[] { outcome, caller.Via }.Where(part => !string.IsNullOrEmpty(part)));
        await audit.WriteAsync(new AuditEntry
        {
            UserName = caller.Name,
            Action = action,
            TargetHost = AuditText.Sanitize(target, AuditEntry.HostMaxLength),
            Result = result.Ok ? AuditEntry.ResultOk : AuditEntry.ResultError,
            Detail = detail.Length > 0 ? AuditText.Sanitize(detail, AuditEntry.DetailMaxLength) : null,
        });
        return result;
    }

    /// <summary>Who asked, and the API token it came with as the audit log names it (null from the page), as the gateway's rows do.</summary>
    private sealed record Caller(string Name, string? Via);

    private static partial class Log
    {
        [LoggerMessage(EventId = 4101, Level = LogLevel.Information, Message = "Enrolled host {HostId} at {Url}; pinned certificate SHA-256 {Fingerprint}")]
        public static partial void Enrolled(ILogger logger, string hostId, string url, string fingerprint);

        [LoggerMessage(EventId = 4102, Level = LogLevel.Error, Message = "The token of enrolled host {HostId} cannot be decrypted (were the data protection keys replaced?); the host is left out until it is enrolled again")]
        public static partial void TokenUnreadable(ILogger logger, string hostId, Exception exception);
    }
}
