using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WebVirt.Web.Data;
using WebVirt.Data;
using WebVirt.Web.Security;
using WebVirt.Testing;

namespace WebVirt.Web.Tests;

public sealed partial class AdminSeedingTests : IAsyncLifetime
{
    private TestDatabase? _database;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync("web");

    public async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    [Fact]
    public async Task WithoutAConfiguredPasswordOneIsGeneratedAndLoggedOnlyOnce()
    {
        var firstStart = await StartAsync();
        var line = Assert.Single(firstStart, message => message.StartsWith("Generated password for admin: ", StringComparison.Ordinal));
        var password = GeneratedPassword().Match(line).Groups["password"].Value;
        Assert.True(password.Length >= 16);

        var secondStart = await StartAsync();
        Assert.DoesNotContain(secondStart, message => message.Contains("Generated password", StringComparison.Ordinal));

        await using var services = BuildServices(new ConcurrentQueue<string>());
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var admin = await users.FindByNameAsync(IdentitySeed.AdminUserName);
        Assert.NotNull(admin);
        Assert.True(await users.CheckPasswordAsync(admin, password));
        Assert.Equal([Roles.Administrator], await users.GetRolesAsync(admin));
    }

    private async Task<IReadOnlyList<string>> StartAsync()
    {
        var messages = new ConcurrentQueue<string>();
        await using var services = BuildServices(messages);
        var initializer = ActivatorUtilities.CreateInstance<DatabaseInitializer>(services);
        await initializer.StartAsync(CancellationToken.None);
        return messages.ToList();
    }

    private ServiceProvider BuildServices(ConcurrentQueue<string> messages)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:WebVirt"] = _database!.ConnectionString })
            .Build();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging(logging => logging.AddProvider(new CapturingLoggerProvider(messages)));
        services.AddWebDatabase(configuration);
        services.AddWebVirtData(_database.ConnectionString);
        services.AddScoped(provider => provider.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<WebDbContext>>().CreateDbContext());
        services.AddWebVirtIdentity(configuration);
        return services.BuildServiceProvider();
    }

    [GeneratedRegex("^Generated password for admin: (?<password>\\S+)$")]
    private static partial Regex GeneratedPassword();

    private sealed class CapturingLoggerProvider(ConcurrentQueue<string> messages) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new CapturingLogger(messages);

        public void Dispose()
        {
        }
    }

    private sealed class CapturingLogger(ConcurrentQueue<string> messages) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            messages.Enqueue(formatter(state, exception));
    }
}
