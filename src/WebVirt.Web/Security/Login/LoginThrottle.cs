using System.Collections.Concurrent;

namespace WebVirt.Web.Security.Login;

/// <summary>
/// Growing delays after failed logins, kept in memory. Three counters, none of which can lock an
/// account for everyone: per (account, address) — the guesser's own attempts on one account;
/// per address — one address guessing many accounts; and per account — many addresses guessing
/// one account, which only slows addresses that already failed on that account and have never
/// logged into it. The owner at another address is therefore never slowed by an attacker.
/// </summary>
public sealed class LoginThrottle(TimeProvider time)
{
    /// <summary>Failures per (account, address) before delays start.</summary>
    public const int PairFreeFailures = 3;

    /// <summary>Failures per address, over all accounts, before delays start.</summary>
    public const int AddressFreeFailures = 10;

    /// <summary>Failures per account, over all addresses, before delays start.</summary>
    public const int AccountFreeFailures = 10;

    public static readonly TimeSpan FirstDelay = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaxDelay = TimeSpan.FromMinutes(5);

    /// <summary>Failures older than this are forgotten.</summary>
    public static readonly TimeSpan Forget = TimeSpan.FromHours(1);

    private const int MaxEntries = 100_000;

    private readonly ConcurrentDictionary<(string Account, string Address), Failures> _pairs = new();
    private readonly ConcurrentDictionary<string, Failures> _addresses = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Failures> _accounts = new(StringComparer.Ordinal);

    /// <summary>How long this address must wait before trying this account again; zero when it may try now.</summary>
    public TimeSpan RetryAfter(string account, string address)
    {
        var now = time.GetUtcNow();
        var pair = Current(_pairs, (account, address), now);
        var wait = Max(
            Remaining(pair, PairFreeFailures, now),
            Remaining(Current(_addresses, address, now), AddressFreeFailures, now));
        if (pair.Count > 0 && !pair.KnownGood)
        {
            wait = Max(wait, Remaining(Current(_accounts, account, now), AccountFreeFailures, now));
        }

        return wait;
    }

    /// <summary>Counts a wrong password; returns the delay it now imposes on this address for this account.</summary>
    public TimeSpan RecordFailure(string account, string address)
    {
        var now = time.GetUtcNow();
        Prune(now);
        _pairs.AddOrUpdate((account, address), _ => new Failures(1, now, false), (_, old) => old.Next(now, Forget));
        _addresses.AddOrUpdate(address, _ => new Failures(1, now, false), (_, old) => old.Next(now, Forget));
        _accounts.AddOrUpdate(account, _ => new Failures(1, now, false), (_, old) => old.Next(now, Forget));
        return RetryAfter(account, address);
    }

    /// <summary>A correct password: this address is known for this account, and its own counters start over.</summary>
    public void RecordSuccess(string account, string address)
    {
        var now = time.GetUtcNow();
        _pairs[(account, address)] = new Failures(0, now, KnownGood: true);
        _addresses.TryRemove(address, out _);
    }

    private static Failures Current<TKey>(ConcurrentDictionary<TKey, Failures> map, TKey key, DateTimeOffset now)
        where TKey : notnull =>
        map.TryGetValue(key, out var failures) && now - failures.Last < Forget ? failures : new Failures(0, now, failures?.KnownGood ?? false);

    private static TimeSpan Remaining(Failures failures, int free, DateTimeOffset now)
    {
        if (failures.Count < free)
        {
            return TimeSpan.Zero;
        }

        var doublings = Math.Min(failures.Count - free, 20);
        var delay = TimeSpan.FromTicks(Math.Min(FirstDelay.Ticks << doublings, MaxDelay.Ticks));
        var left = failures.Last + delay - now;
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    // Bounded memory against a flood of made-up names or addresses: old entries go first, and
    // if that is not enough the newest state wins (throttling restarts, nothing is locked).
    private void Prune(DateTimeOffset now)
    {
        if (_pairs.Count + _addresses.Count + _accounts.Count < MaxEntries)
        {
            return;
        }

        PruneMap(_pairs, now);
        PruneMap(_addresses, now);
        PruneMap(_accounts, now);
        if (_pairs.Count + _addresses.Count + _accounts.Count >= MaxEntries)
        {
            _pairs.Clear();
            _accounts.Clear();
        }
    }

    private static void PruneMap<TKey>(ConcurrentDictionary<TKey, Failures> map, DateTimeOffset now)
        where TKey : notnull
    {
        foreach (var (key, failures) in map)
        {
            if (now - failures.Last >= Forget && !failures.KnownGood)
            {
                map.TryRemove(key, out _);
            }
        }
    }

    private sealed record Failures(int Count, DateTimeOffset Last, bool KnownGood)
    {
        public Failures Next(DateTimeOffset now, TimeSpan forget) =>
            new(now - Last >= forget ? 1 : Count + 1, now, KnownGood);
    }
}
