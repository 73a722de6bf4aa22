namespace WebVirt.Agent.Guests;

/// <summary>Registers the services of the guest page's overview and XML hub methods.</summary>
internal static class GuestPageServiceCollectionExtensions
{
    public static IServiceCollection AddGuestPageFeature(this IServiceCollection services)
    {
        services.AddSingleton(sp => new DomainSchemaCheck(DomainSchemaCheck.DefaultToolPath, sp.GetRequiredService<ILogger<DomainSchemaCheck>>()));
        services.AddSingleton<GuestPageService>();
        services.AddSingleton<GuestXmlService>();
        services.AddSingleton<GuestAgentService>();
        return services;
    }
}
