using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WebVirt.Web.Audit;
using WebVirt.Web.Data;

namespace WebVirt.Web.Security.TwoFactor;

/// <summary>
/// Whether every WebVirt account must use two-factor login: on when an administrator switched it on
/// (stored in the settings table) or when WebVirt:RequireTwoFactor is set (then the UI cannot switch it off).
/// </summary>
public sealed class TwoFactorPolicy(
    IDbContextFactory<WebDbContext> contexts,
    IOptionsMonitor<TwoFactorOptions> options,
    AuditLog audit,
    TimeProvider time)
{
    public const string ActionRequire = "2fa-require";

    // Every request of a signed-in user asks; a short cache keeps that off the database.
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);
    private readonly Lock _gate = new();
    private (bool Value, DateTimeOffset Until)? _stored;

    public bool RequiredByConfiguration => options.CurrentValue.RequireTwoFactor;

    public async Task<bool> IsRequiredAsync(CancellationToken cancellationToken = default) =>
        RequiredByConfiguration || await StoredAsync(cancellationToken);

    /// <summary>Administrators only; audited. False when refused (not allowed, or fixed by configuration).</summary>
    public async Task<bool> SetRequiredAsync(ClaimsPrincipal actor, bool required, CancellationToken cancellationToken = default)
    {
        var allowed = Permissions.IsAllowed(actor, Permission.ManageUsers) && !RequiredByConfiguration;
        if (allowed)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var setting = await db.Settings.FindAsync([ConsoleSetting.RequireTwoFactor], cancellationToken);
            if (setting is null)
            {
                setting = new ConsoleSetting { Key = ConsoleSetting.RequireTwoFactor };
                db.Settings.Add(setting);
            }

            setting.Value = required.ToString(CultureInfo.InvariantCulture);
            await db.SaveChangesAsync(cancellationToken);
            lock (_gate)
            {
                _stored = null;
            }
        }

        await audit.WriteAsync(new AuditEntry
        {
            UserName = actor.Identity?.Name ?? "(anonymous)",
            Action = ActionRequire,
            Result = allowed ? AuditEntry.ResultOk : AuditEntry.ResultError,
            Detail = $"required={required}" + (allowed ? "" : " forbidden"),
        }, cancellationToken);
        return allowed;
    }

    private async Task<bool> StoredAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (_stored is { } cached && cached.Until > now)
            {
                return cached.Value;
            }
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var value = await db.Settings.AsNoTracking()
            .Where(setting => setting.Key == ConsoleSetting.RequireTwoFactor)
            .Select(setting => setting.Value)
            .FirstOrDefaultAsync(cancellationToken);
        var required = bool.TryParse(value, out var parsed) && parsed;
        lock (_gate)
        {
            _stored = (required, now + CacheFor);
        }

        return required;
    }
}
