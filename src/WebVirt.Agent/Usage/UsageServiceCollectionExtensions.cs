using Microsoft.Extensions.Options;
using WebVirt.Data;

namespace WebVirt.Agent.Usage;

/// <summary>Registers usage sampling, its history in PostgreSQL and the services of the Usage hub methods.</summary>
internal static class UsageServiceCollectionExtensions
{
    public static IServiceCollection AddUsageFeature(this IServiceCollection services)
    {
        services.AddOptions<UsageOptions>()
            .BindConfiguration(UsageOptions.SectionName)
            .Validate(UsageOptions.IntervalIsValid, $"Usage:IntervalSeconds must be a whole number of seconds from 1 to {UsageTiers.MaxSampleIntervalSeconds}.")
            .Validate(UsageOptions.CompactionIntervalIsValid, $"Usage:CompactionIntervalSeconds must be from 10 to {UsageTiers.FiveMinutes}.")
            .ValidateOnStart();
        services.AddSingleton(sp => new UsageTiers(sp.GetRequiredService<IOptions<UsageOptions>>().Value.IntervalSeconds));
        services.AddSingleton<UsageStore>();
        services.AddSingleton<UsageReader>();
        services.AddSingleton<UsageRates>();
        services.AddHostedService<UsageSampler>();
        return services;
    }
}
