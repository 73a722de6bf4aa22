namespace WebVirt.Web.Security.Rights;

/// <summary>Registers the rights: the one evaluator, the guests' tags and owners, and the administration of grants.</summary>
public static class RightsSetup
{
    public static IServiceCollection AddWebVirtRights(this IServiceCollection services)
    {
        services.AddSingleton<GuestTagIndex>();
        services.AddSingleton<IGuestTags>(provider => provider.GetRequiredService<GuestTagIndex>());
        services.AddSingleton<RightsEvaluator>();
        services.AddScoped<RightsAdmin>();
        return services;
    }
}
