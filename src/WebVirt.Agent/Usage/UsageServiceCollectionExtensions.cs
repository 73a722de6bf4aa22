namespace WebVirt.Agent.Usage;

/// <summary>Registers usage sampling, whose samples are pushed to the consoles (which keep the history).</summary>
internal static class UsageServiceCollectionExtensions
{
    public static IServiceCollection AddUsageFeature(this IServiceCollection services)
    {
        services.AddOptions<UsageOptions>()
            .BindConfiguration(UsageOptions.SectionName)
            .Validate(UsageOptions.IntervalIsValid, $"Usage:IntervalSeconds must be a whole number of seconds from 1 to {UsageOptions.MaxIntervalSeconds}.")
            .ValidateOnStart();
        services.AddSingleton<UsageReader>();
        services.AddSingleton<UsageRates>();
        services.AddHostedService<UsageSampler>();
        return services;
    }
}
