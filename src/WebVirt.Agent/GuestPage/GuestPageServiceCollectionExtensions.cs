namespace WebVirt.Agent.GuestPage;

/// <summary>Registers the services of the guest page's GuestPage hub methods.</summary>
internal static class GuestPageServiceCollectionExtensions
{
    public static IServiceCollection AddGuestPageFeature(this IServiceCollection services)
    {
        // PLACEHOLDER: the GuestPage feature registers its services here.
        return services;
    }
}
