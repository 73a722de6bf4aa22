namespace WebVirt.Agent.GuestHardware;

/// <summary>Registers the services of the guest page's hardware edits and snapshots.</summary>
internal static class GuestHardwareServiceCollectionExtensions
{
    public static IServiceCollection AddGuestHardwareFeature(this IServiceCollection services)
    {
        services.AddSingleton<GuestEditor>();
        services.AddSingleton<GuestCpuMemoryService>();
        services.AddSingleton<GuestBootService>();
        services.AddSingleton<GuestFirmwareService>();
        services.AddSingleton<GuestDiskAddService>();
        services.AddSingleton<GuestDiskService>();
        services.AddSingleton<GuestNicService>();
        services.AddSingleton<GuestSnapshotService>();
        return services;
    }
}
