using WebVirt.Data;
using WebVirt.Web.Data;

namespace WebVirt.Web.Agents.Records;

/// <summary>
/// Registers the web's side of what agents report: the agent schema's stores (the web is their only
/// writer; agents hold no database credentials) and the recorders that write the pushes into them.
/// </summary>
public static class AgentRecordsSetup
{
    /// <summary>Seconds between two usage samples of the agents; the resolution of the raw usage tier. The agents' Usage:IntervalSeconds must match.</summary>
    public const string UsageIntervalKey = "WebVirt:UsageIntervalSeconds";

    public const int DefaultUsageIntervalSeconds = 5;

    public static IServiceCollection AddAgentRecords(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString(WebDatabase.ConnectionStringName)
            ?? throw new InvalidOperationException($"ConnectionStrings:{WebDatabase.ConnectionStringName} is not configured.");
        var interval = configuration.GetValue(UsageIntervalKey, DefaultUsageIntervalSeconds);
        if (interval is < 1 or > UsageTiers.MaxSampleIntervalSeconds)
        {
            throw new InvalidOperationException($"{UsageIntervalKey} must be a whole number of seconds from 1 to {UsageTiers.MaxSampleIntervalSeconds}.");
        }

        services.AddWebVirtData(connectionString);
        services.AddSingleton(new UsageTiers(interval));
        services.AddSingleton<UsageStore>();
        services.AddSingleton<HostRegistration>();
        services.AddSingleton<GuestNotesStore>();
        services.AddSingleton<GuestNotesKeeper>();
        services.AddHostedService<GuestTagIndexLoader>();
        services.AddSingleton<GuestOwnership>();
        services.AddHostedService(provider => provider.GetRequiredService<GuestOwnership>());
        services.AddSingleton<GuestRecordsFollower>();
        services.AddHostedService(sp => sp.GetRequiredService<GuestRecordsFollower>());
        services.AddSingleton<InventoryRecorder>();
        services.AddHostedService(sp => sp.GetRequiredService<InventoryRecorder>());
        services.AddSingleton<UsageRecorder>();
        services.AddHostedService(sp => sp.GetRequiredService<UsageRecorder>());
        return services;
    }
}
