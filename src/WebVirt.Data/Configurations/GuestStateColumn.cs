namespace WebVirt.Data.Configurations;

/// <summary>States are stored by name so rows stay readable in psql and survive reordering of the enum.</summary>
internal static class GuestStateColumn
{
    // Longest name today is "ShuttingDown" (12); the slack allows a new libvirt state without a migration.
    public const int MaxLength = 16;
}
