namespace WebVirt.Agent.GuestHardware;

/// <summary>Registers the services of the guest page's GuestHardware hub methods.</summary>
internal static class GuestHardwareServiceCollectionExtensions
{
    public static IServiceCollection AddGuestHardwareFeature(this IServiceCollection services)
    {
        // PLACEHOLDER: the GuestHardware feature registers its services here.
        return services;
    }
}
