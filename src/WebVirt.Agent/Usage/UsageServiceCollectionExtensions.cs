namespace WebVirt.Agent.Usage;

/// <summary>Registers the services of the guest page's Usage hub methods.</summary>
internal static class UsageServiceCollectionExtensions
{
    public static IServiceCollection AddUsageFeature(this IServiceCollection services)
    {
        // PLACEHOLDER: the Usage feature registers its services here.
        return services;
    }
}
