namespace WebVirt.Domain.Guests;

/// <summary>The guest's network card; a null <paramref name="Mac"/> gets a fresh 52:54:00 address.</summary>
public sealed record GuestNic(GuestNetwork Network, string Model = GuestNic.DefaultModel, string? Mac = null)
{
    public const string DefaultModel = "virtio";

    public static IReadOnlyList<string> SupportedModels { get; } = ["virtio", "e1000e", "e1000", "rtl8139"];
}
