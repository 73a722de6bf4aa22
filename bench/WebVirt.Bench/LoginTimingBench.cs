using System.Diagnostics;
using System.Globalization;
using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WebVirt.Testing;
using WebVirt.Web.Audit;
using WebVirt.Web.Data;
using WebVirt.Web.Security;
using WebVirt.Web.Security.Login;

namespace WebVirt.Bench;

/// <summary>
/// Whether a login for an unknown user takes as long as one with a wrong password, so response
/// times do not tell which user names exist. Runs the real login flow (throttle check, user
/// lookup, password hashing, audit row) on a PostgreSQL database of its own. Each attempt comes
/// from its own made-up address, as a spread-out guesser's would, so throttling (the same for
/// both kinds) does not cut attempts short.
/// </summary>
internal static class LoginTimingBench
{
    public static async Task RunAsync(int runs)
    {
        Console.WriteLine($"WebVirt login timing: {runs} unknown-user and {runs} wrong-password logins, interleaved");
        await using var database = await TestDatabase.CreateAsync("bench_login");
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:WebVirt"] = database.ConnectionString,
                ["WEBVIRT_ADMIN_PASSWORD"] = "bench-admin-password",
            })
            .Build();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton(TimeProvider.System)
            .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning))
            .AddHttpContextAccessor();
        services.AddWebDatabase(configuration);
        services.AddScoped(provider => provider.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<WebDbContext>>().CreateDbContext());
        services.AddWebVirtIdentity(configuration);
        services.AddSingleton<AuditLog>();
        await using var provider = services.BuildServiceProvider();
        await ActivatorUtilities.CreateInstance<DatabaseInitializer>(provider).StartAsync(CancellationToken.None);

        var unknown = new List<double>(runs);
        var wrong = new List<double>(runs);
        const int warmup = 5;
        for (var i = -warmup; i < runs; i++)
        {
            var unknownMs = await TimeLoginAsync(provider, "nobody-" + i.ToString(CultureInfo.InvariantCulture), "guess-" + i, Address(2 * i + 1000));
            var wrongMs = await TimeLoginAsync(provider, IdentitySeed.AdminUserName, "guess-" + i, Address(2 * i + 1001));
            if (i >= 0)
            {
                unknown.Add(unknownMs);
                wrong.Add(wrongMs);
            }
        }

        var unknownSummary = Report("unknown user", unknown);
        var wrongSummary = Report("wrong password for an existing user", wrong);
        Console.WriteLine(FormattableString.Invariant(
            $"{"ratio unknown / wrong password",-58} p50 {unknownSummary.P50 / wrongSummary.P50,6:F2}  p95 {unknownSummary.P95 / wrongSummary.P95,6:F2}  (target 0.80 .. 1.20)"));
    }

    private static async Task<double> TimeLoginAsync(IServiceProvider provider, string userName, string password, IPAddress source)
    {
        await using var scope = provider.CreateAsyncScope();
        var logins = scope.ServiceProvider.GetRequiredService<LoginService>();
        var start = Stopwatch.GetTimestamp();
        var result = await logins.LoginAsync(new LoginAttempt(userName, password, source, "bench"));
        var elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        if (result.Outcome != LoginOutcome.Failed)
        {
            throw new InvalidOperationException($"expected a failed login, got {result.Outcome}");
        }

        return elapsed;
    }

    private static IPAddress Address(int n) => new([10, (byte)(n >> 16), (byte)(n >> 8), (byte)n]);

    private static (double P50, double P95) Report(string name, List<double> samples)
    {
        samples.Sort();
        var p50 = samples[samples.Count / 2];
        var p95 = samples[(int)Math.Min(samples.Count - 1, Math.Ceiling(samples.Count * 0.95) - 1)];
        Console.WriteLine(FormattableString.Invariant($"{name,-58} n={samples.Count,3}  p50 {p50,8:F2} ms  p95 {p95,8:F2} ms  max {samples[^1],8:F2} ms"));
        return (p50, p95);
    }
}
